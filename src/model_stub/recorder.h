#pragma once
// The exchanges recorded in pass-through mode, served as a cassette
// (GET /__stub/cassette). Thread-safe; kept in request arrival order (the
// journal's seq), so the same exchanges give the same cassette byte for byte.

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>

#include "json_text.h"

namespace model_stub {

class Recorder {
 public:
  explicit Recorder(std::size_t max_exchanges = 10'000);

  // Stores {"request", "response"} (both redacted already) for the request
  // `seq`. Beyond the bound, the oldest exchanges are dropped.
  void Add(std::int64_t seq, Json request, Json response);

  // {"version": 1, "exchanges": [...]} in seq order.
  Json Cassette() const;

  void Clear();

 private:
  mutable std::mutex mutex_;
  std::map<std::int64_t, Json> exchanges_;
  std::size_t max_exchanges_;
};

}  // namespace model_stub
