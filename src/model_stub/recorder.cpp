#include "recorder.h"

#include <algorithm>
#include <utility>

#include "cassette.h"

namespace model_stub {

Recorder::Recorder(std::size_t max_exchanges)
    : max_exchanges_(std::max<std::size_t>(1, max_exchanges)) {}

void Recorder::Add(std::int64_t seq, Json request, Json response) {
  Json exchange = {{"request", std::move(request)}, {"response", std::move(response)}};
  std::lock_guard lock(mutex_);
  exchanges_[seq] = std::move(exchange);
  while (exchanges_.size() > max_exchanges_) exchanges_.erase(exchanges_.begin());
}

Json Recorder::Cassette() const {
  Json exchanges = Json::array();
  {
    std::lock_guard lock(mutex_);
    for (const auto& [seq, exchange] : exchanges_) exchanges.push_back(exchange);
  }
  return {{"version", kCassetteVersion}, {"exchanges", std::move(exchanges)}};
}

void Recorder::Clear() {
  std::lock_guard lock(mutex_);
  exchanges_.clear();
}

}  // namespace model_stub
