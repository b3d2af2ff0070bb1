#include "summary_worker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace mcp_server {
namespace {

using std::chrono::milliseconds;

// With nothing due, look again this often anyway: another connection (a test,
// an operator) may have changed the queue without calling Wake().
constexpr milliseconds kIdleRecheck{30000};
// When the database itself fails, do not spin.
constexpr milliseconds kStoreErrorPause{1000};
// Bounds what one exchange costs to summarise; the summary only needs the gist.
constexpr std::size_t kMaxPromptPartChars = 20000;

std::string Truncated(const std::string& text) {
  if (text.size() <= kMaxPromptPartChars) return text;
  return text.substr(0, kMaxPromptPartChars) + "\n[... truncated]";
}

}  // namespace

SummaryWorker::SummaryWorker(MemoryStore& store, Summariser summariser, const Embedder& embedder,
                             SummaryWorkerOptions options)
    : store_(store),
      summariser_(std::move(summariser)),
      embedder_(embedder),
      options_(std::move(options)) {}

SummaryWorker::~SummaryWorker() { Stop(); }

void SummaryWorker::Start() {
  std::lock_guard lock(lifecycle_mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  if (const int resumed = store_.ReleaseAllClaims(); resumed > 0) {
    spdlog::info("summary worker: resuming {} job(s) interrupted by the last stop", resumed);
  }
  thread_ = std::thread([this] { Run(); });
}

void SummaryWorker::Stop() {
  std::lock_guard lock(lifecycle_mu_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard wake_lock(wake_mu_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  thread_.join();
}

void SummaryWorker::Wake() {
  {
    std::lock_guard lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

milliseconds SummaryWorker::BackoffAfter(int failed_attempts, milliseconds base, milliseconds cap) {
  milliseconds delay = base;
  for (int i = 1; i < failed_attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

std::string SummaryWorker::SystemPrompt() {
  return "You keep the project memory of a software team that consults several AI models. "
         "Summarise the exchange you are given in at most six sentences so that it can be found "
         "and understood later without the conversation: keep facts, decisions, names, "
         "identifiers, numbers and open questions verbatim. Answer with the summary only.";
}

std::string SummaryWorker::UserPrompt(const CompletedTurn& turn) {
  return fmt::format(
      "Session: {}\nModel consulted: {}/{} (tool {})\n\nUser:\n{}\n\nAssistant:\n{}\n",
      turn.session_id, turn.provider, turn.model, turn.tool, Truncated(turn.user_text),
      Truncated(turn.assistant_text));
}

void SummaryWorker::Run() {
  while (!stopping_) {
    std::string error;
    const auto job = store_.ClaimNextDue(UnixMillisNow(), &error);
    if (job) {
      Process(*job);
      continue;
    }
    if (!error.empty()) spdlog::error("summary worker: cannot read the queue: {}", error);
    WaitForWork();
  }
}

void SummaryWorker::WaitForWork() {
  milliseconds wait = kIdleRecheck;
  if (const auto due = store_.NextDueAtMs()) {
    wait = std::clamp(milliseconds(*due - UnixMillisNow()), milliseconds(0), kIdleRecheck);
  } else if (store_.Problem()) {
    wait = kStoreErrorPause;
  }
  std::unique_lock lock(wake_mu_);
  wake_cv_.wait_for(lock, wait, [this] { return woken_ || stopping_.load(); });
  woken_ = false;
}

void SummaryWorker::Process(const MemoryJob& job) {
  const SummaryReply summary = Summarise(job);
  if (stopping_) return GiveBack(job);
  if (!summary.ok) return Retry(job, "summariser: " + summary.error);
  if (summary.text.empty()) return Retry(job, "summariser: empty summary");

  const auto should_abort = [this] { return stopping_.load(); };
  const EmbeddingsReply embedded = embedder_.Embed({summary.text}, should_abort);
  if (stopping_) return GiveBack(job);
  if (!embedded.ok) return Retry(job, "embeddings: " + embedded.error);

  const MemoryRecord record{summary.text, embedded.vectors.front(), options_.summary_model,
                            embedder_.Model()};
  if (auto error = store_.Complete(job, record, UnixMillisNow())) {
    return Retry(job, "store: " + *error);
  }
  spdlog::info("summary worker: stored the memory of session {} (job {}, attempt {})",
               job.turn.session_id, job.id, job.failed_attempts + 1);
}

SummaryReply SummaryWorker::Summarise(const MemoryJob& job) {
  const auto should_abort = [this] { return stopping_.load(); };
  try {
    return summariser_(SystemPrompt(), UserPrompt(job.turn), should_abort);
  } catch (const std::exception& e) {
    return {false, "", fmt::format("threw: {}", e.what())};
  } catch (...) {
    return {false, "", "threw a non-standard exception"};
  }
}

void SummaryWorker::Retry(const MemoryJob& job, const std::string& why) {
  const int failures = job.failed_attempts + 1;
  const auto delay = BackoffAfter(failures, options_.retry_base, options_.retry_cap);
  spdlog::warn("summary worker: job {} (session {}) failed attempt {}, retrying in {} ms: {}",
               job.id, job.turn.session_id, failures, delay.count(), why);
  if (auto error = store_.Reschedule(job, UnixMillisNow() + delay.count(), why)) {
    // The job stays claimed and is resumed at the next start: delayed, not lost.
    spdlog::error("summary worker: cannot reschedule job {}: {}", job.id, *error);
  }
}

void SummaryWorker::GiveBack(const MemoryJob& job) {
  if (auto error = store_.Release(job)) {
    spdlog::error("summary worker: cannot release job {} at stop: {}", job.id, *error);
  }
}

}  // namespace mcp_server
