#pragma once
// An in-process embedder for the attachment tests: feature hashing of
// lower-cased words into 1024 buckets, L2-normalised (like the model stub's,
// with more buckets so unrelated texts stay near 0), counting requests and
// texts, and able to fail on demand.

#include <atomic>
#include <cctype>
#include <cmath>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "embedder.h"
#include "test_support.h"

namespace mcp_server::testing {

class WordHashEmbedder final : public Embedder {
 public:
  static constexpr std::size_t kDimensions = 1024;

  std::string Model() const override { return "word-hash-1024"; }

  EmbeddingsReply Embed(const std::vector<std::string>& texts,
                        const std::function<bool()>& should_abort) const override {
    ++requests_;
    {
      std::lock_guard lock(mu_);
      batch_sizes_.push_back(texts.size());
    }
    if (hang_) {
      // poll: a provider that never answers, until the caller gives up.
      PollUntil([&] { return should_abort && should_abort(); }, std::chrono::seconds(10));
      return {false, {}, "aborted", 1};
    }
    if (fail_) return {false, {}, "fake embeddings outage (503)", 1};
    EmbeddingsReply reply{true, {}, "", 1};
    for (const auto& text : texts) reply.vectors.push_back(Vector(text));
    return reply;
  }

  static std::vector<float> Vector(const std::string& text) {
    std::vector<float> vector(kDimensions, 0.0F);
    std::string word;
    auto flush = [&] {
      if (word.empty()) return;
      vector[std::hash<std::string>{}(word) % kDimensions] += 1.0F;
      word.clear();
    };
    for (const char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else {
        flush();
      }
    }
    flush();
    double norm = 0;
    for (const float value : vector) norm += double{value} * value;
    if (norm > 0) {
      for (float& value : vector) value = static_cast<float>(value / std::sqrt(norm));
    }
    return vector;
  }

  int requests() const { return requests_; }
  std::vector<std::size_t> batch_sizes() const {
    std::lock_guard lock(mu_);
    return batch_sizes_;
  }
  void SetFailing(bool fail) { fail_ = fail; }
  // Requests wait until should_abort() (at most 10 s) and then fail.
  void SetHangingUntilAborted(bool hang) { hang_ = hang; }

 private:
  mutable std::atomic<int> requests_{0};
  mutable std::mutex mu_;
  mutable std::vector<std::size_t> batch_sizes_;
  std::atomic<bool> fail_{false};
  std::atomic<bool> hang_{false};
};

}  // namespace mcp_server::testing
