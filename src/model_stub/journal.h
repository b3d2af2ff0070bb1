#pragma once
// The request journal: what reached "the model", so tests can assert on it
// (GET /__stub/requests). Thread-safe; bounded in entries and in body bytes;
// secrets never stored.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "json_text.h"

namespace model_stub {

// One request as it arrived. `headers` and `query` use lower-case header
// names; their values may hold secrets until Redact() is applied.
struct JournalEntry {
  std::int64_t seq = 0;  // assigned by Journal::Begin, from 1
  std::string time;      // RFC 3339 UTC with milliseconds
  std::string method;
  std::string path;  // without the query string
  std::string provider;
  std::string model;
  bool stream = false;
  Json body;  // the parsed JSON body, or the raw text when it is not JSON
  std::map<std::string, std::string> headers;
  std::map<std::string, std::string> query;
  int status = 0;  // 0 until Complete, and when the connection was dropped
  long duration_ms = 0;
  // Pass-through with a ceiling: how long the exchange waited for a live slot.
  long slot_wait_ms = 0;
  std::string rule;  // id of the rule that answered; empty: the echo brain did
};

// Replaces by "***" (kRedacted) the values of the credential headers
// (authorization, x-api-key, x-goog-api-key), of the `key` query parameter,
// of body members with those names or "api_key", and any occurrence of a
// credential value anywhere else in the entry (a key pasted into a prompt).
void Redact(JournalEntry& entry);

struct JournalFilter {
  std::optional<std::string> provider;
  std::optional<std::string> path;
  std::int64_t since = 0;  // only entries with seq > since
};

class Journal {
 public:
  explicit Journal(std::size_t max_entries = 10'000, std::size_t max_body_bytes = 64U << 20U);

  // Redacts and stores `entry` (oldest entries are dropped beyond the bounds);
  // returns its seq.
  std::int64_t Begin(JournalEntry entry);

  // Records the outcome of the request `seq`; no-op if it was dropped.
  void Complete(std::int64_t seq, int status, long duration_ms);
  // Records how long the request `seq` waited for a live slot.
  void SetSlotWait(std::int64_t seq, long slot_wait_ms);

  // The stored entries matching `filter`, in arrival order, as the JSON of
  // GET /__stub/requests: {"requests":[...]}.
  Json ToJson(const JournalFilter& filter) const;

  void Clear();

 private:
  JournalEntry* Find(std::int64_t seq);  // REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  std::deque<JournalEntry> entries_;
  std::size_t max_entries_;
  std::size_t max_body_bytes_;
  std::size_t body_bytes_ = 0;
  std::int64_t next_seq_ = 1;
};

// Now, as RFC 3339 UTC with milliseconds: 2025-01-31T12:00:00.123Z.
std::string NowRfc3339();

}  // namespace model_stub
