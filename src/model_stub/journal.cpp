#include "journal.h"

#include <absl/time/clock.h>
#include <absl/time/time.h>

#include <algorithm>
#include <string_view>

#include "redact.h"

namespace model_stub {
namespace {

std::size_t BodyBytes(const JournalEntry& entry) {
  return entry.body.is_string() ? entry.body.get_ref<const std::string&>().size()
                                : Dump(entry.body).size();
}

Json HeadersJson(const std::map<std::string, std::string>& headers) {
  Json object = Json::object();
  for (const auto& [name, value] : headers) object[name] = value;
  return object;
}

Json EntryJson(const JournalEntry& entry) {
  return {{"seq", entry.seq},
          {"time", entry.time},
          {"method", entry.method},
          {"path", entry.path},
          {"provider", entry.provider},
          {"model", entry.model},
          {"stream", entry.stream},
          {"body", entry.body},
          {"headers", HeadersJson(entry.headers)},
          {"query", HeadersJson(entry.query)},
          {"status", entry.status},
          {"duration_ms", entry.duration_ms},
          {"slot_wait_ms", entry.slot_wait_ms},
          {"rule", entry.rule.empty() ? Json() : Json(entry.rule)}};
}

bool Matches(const JournalEntry& entry, const JournalFilter& filter) {
  return entry.seq > filter.since && (!filter.provider || entry.provider == *filter.provider) &&
         (!filter.path || entry.path == *filter.path);
}

}  // namespace

void Redact(JournalEntry& entry) {
  const Secrets secrets(entry.headers, entry.query);
  secrets.ScrubHeaders(entry.headers);
  secrets.ScrubQuery(entry.query);
  entry.path = secrets.Scrub(entry.path);
  secrets.ScrubJson(entry.body);
}

Journal::Journal(std::size_t max_entries, std::size_t max_body_bytes)
    : max_entries_(std::max<std::size_t>(1, max_entries)), max_body_bytes_(max_body_bytes) {}

std::int64_t Journal::Begin(JournalEntry entry) {
  Redact(entry);
  std::lock_guard lock(mutex_);
  entry.seq = next_seq_++;
  body_bytes_ += BodyBytes(entry);
  entries_.push_back(std::move(entry));
  // The newest entry always stays, even if its body alone exceeds the bound.
  while (entries_.size() > 1 && (entries_.size() > max_entries_ || body_bytes_ > max_body_bytes_)) {
    body_bytes_ -= BodyBytes(entries_.front());
    entries_.pop_front();
  }
  return entries_.back().seq;
}

JournalEntry* Journal::Find(std::int64_t seq) {
  // Seqs are consecutive, so the entry's position follows from the first seq.
  if (entries_.empty() || seq < entries_.front().seq) return nullptr;
  const auto offset = static_cast<std::size_t>(seq - entries_.front().seq);
  return offset < entries_.size() ? &entries_[offset] : nullptr;
}

void Journal::Complete(std::int64_t seq, int status, long duration_ms) {
  std::lock_guard lock(mutex_);
  if (JournalEntry* entry = Find(seq)) {
    entry->status = status;
    entry->duration_ms = duration_ms;
  }
}

void Journal::SetSlotWait(std::int64_t seq, long slot_wait_ms) {
  std::lock_guard lock(mutex_);
  if (JournalEntry* entry = Find(seq)) entry->slot_wait_ms = slot_wait_ms;
}

Json Journal::ToJson(const JournalFilter& filter) const {
  Json requests = Json::array();
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    if (Matches(entry, filter)) requests.push_back(EntryJson(entry));
  }
  return {{"requests", std::move(requests)}};
}

void Journal::Clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  body_bytes_ = 0;
}

std::string NowRfc3339() {
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
}

}  // namespace model_stub
