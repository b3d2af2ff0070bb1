#pragma once
// The project memory's background worker: one thread that takes queued chat
// turns oldest first, asks the summariser model for a summary, embeds it, and
// lands summary + embedding + FTS row in one transaction that also removes
// the job. A failed attempt puts the job back with exponential backoff
// (persisted), so nothing is lost and nothing crashes the server. Jobs left
// by a previous process are resumed at Start(). Stop() aborts a provider
// call in flight and returns promptly, leaving that job for the next start.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "../embedder.h"
#include "memory_store.h"

namespace mcp_server {

struct SummaryReply {
  bool ok = false;
  std::string text;   // the summary when ok
  std::string error;  // why not
};

// Asks the summariser model (a chat model) for `user` under the system
// prompt `system`. `should_abort` turns true when the server stops: pass it
// to HttpPostRequest::should_abort so the call ends promptly. Must not throw
// (the worker survives it anyway) and must be bounded in time.
using Summariser = std::function<SummaryReply(const std::string& system, const std::string& user,
                                              const std::function<bool()>& should_abort)>;

struct SummaryWorkerOptions {
  std::string summary_model = "gpt-4.1-mini";  // recorded with each memory
  std::chrono::milliseconds retry_base{2000};  // wait after the first failure; doubles
  std::chrono::milliseconds retry_cap{300000};
};

class SummaryWorker {
 public:
  // `store` and `embedder` must outlive the worker.
  SummaryWorker(MemoryStore& store, Summariser summariser, const Embedder& embedder,
                SummaryWorkerOptions options);
  ~SummaryWorker();  // Stop()
  SummaryWorker(const SummaryWorker&) = delete;
  SummaryWorker& operator=(const SummaryWorker&) = delete;

  // Releases the claims a previous process left (it is gone), then starts
  // the thread. No-op while running. REQUIRES: no other worker on this database.
  void Start();
  // Aborts the call in flight, gives its job back untouched and joins the
  // thread; returns within about the HttpPost abort poll (~50 ms) plus one
  // database write. Safe from any thread but the worker's; idempotent.
  void Stop();
  // A job was enqueued: look now instead of at the next scheduled time.
  void Wake();

  // The wait after `failed_attempts` (>= 1) failures: base * 2^(n-1), at most cap.
  static std::chrono::milliseconds BackoffAfter(int failed_attempts, std::chrono::milliseconds base,
                                                std::chrono::milliseconds cap);
  static std::string SystemPrompt();
  // The exchange, with the session id and the consulted model, for the summariser.
  static std::string UserPrompt(const CompletedTurn& turn);

 private:
  void Run();
  void WaitForWork();
  void Process(const MemoryJob& job);
  SummaryReply Summarise(const MemoryJob& job);
  void Retry(const MemoryJob& job, const std::string& why);
  void GiveBack(const MemoryJob& job);

  MemoryStore& store_;
  Summariser summariser_;
  const Embedder& embedder_;
  SummaryWorkerOptions options_;

  std::mutex lifecycle_mu_;  // serialises Start/Stop
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex wake_mu_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
};

}  // namespace mcp_server
