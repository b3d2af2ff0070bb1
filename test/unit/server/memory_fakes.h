#pragma once
// In-process stand-ins for the summary worker's two dependencies: a
// summariser function and an embedder, each able to fail on demand and
// recording what it was asked.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "embedder.h"
#include "memory/summary_worker.h"
#include "test_support.h"

namespace mcp_server::testing {

class FakeSummariser {
 public:
  struct Call {
    std::string system;
    std::string user;
    std::chrono::steady_clock::time_point at;
  };

  // The Summariser to inject; it shares this fake's state.
  Summariser Function() {
    return [state = state_](const std::string& system, const std::string& user,
                            const std::function<bool()>& should_abort) {
      return state->Answer(system, user, should_abort);
    };
  }
  void FailNext(int times) { state_->failures_left = times; }
  void ThrowNext(int times) { state_->throws_left = times; }
  // Calls wait until the worker aborts them (a provider that never answers).
  void HangUntilAborted() { state_->hang = true; }
  bool InCall() const { return state_->in_call; }
  std::vector<Call> calls() const {
    std::lock_guard lock(state_->mu);
    return state_->calls;
  }

 private:
  struct State {
    std::mutex mu;
    std::vector<Call> calls;
    std::atomic<int> failures_left{0};
    std::atomic<int> throws_left{0};
    std::atomic<bool> hang{false};
    std::atomic<bool> in_call{false};

    SummaryReply Answer(const std::string& system, const std::string& user,
                        const std::function<bool()>& should_abort) {
      {
        std::lock_guard lock(mu);
        calls.push_back({system, user, std::chrono::steady_clock::now()});
      }
      in_call = true;
      if (hang) PollUntil([&] { return should_abort(); }, std::chrono::seconds(30));  // poll
      in_call = false;
      if (throws_left > 0 && throws_left-- > 0) throw std::runtime_error("summariser exploded");
      if (hang) return {false, "", "aborted"};
      if (failures_left > 0 && failures_left-- > 0) return {false, "", "fake summariser outage"};
      return {true, "summary: " + user, ""};
    }
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

class FakeEmbedder final : public Embedder {
 public:
  std::string Model() const override { return "fake-embedding"; }
  EmbeddingsReply Embed(const std::vector<std::string>& texts,
                        const std::function<bool()>& /*should_abort*/) const override {
    ++calls_;
    if (failures_left_ > 0 && failures_left_-- > 0) return {false, {}, "fake embeddings outage", 1};
    EmbeddingsReply reply{true, {}, "", 1};
    for (const auto& text : texts) reply.vectors.push_back(FakeProviders::HashEmbedding(text));
    return reply;
  }
  void FailNext(int times) { failures_left_ = times; }
  int calls() const { return calls_; }

 private:
  mutable std::atomic<int> calls_{0};
  mutable std::atomic<int> failures_left_{0};
};

// A chat turn worth remembering.
inline CompletedTurn SampleTurn(const std::string& session_id = "session-1",
                                const std::string& user_text = "Which port does ZEBRA-FLUX-42 use?",
                                const std::string& answer = "ZEBRA-FLUX-42 listens on port 7311.") {
  return {session_id, "chat_with_o3", "openai", "o3", user_text, answer, 1764227221};
}

}  // namespace mcp_server::testing
