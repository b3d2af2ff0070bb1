#include "replayer.h"

#include <utility>

#include "cassette.h"
#include "normalise.h"
#include "request_difference.h"

namespace model_stub {
namespace {

Json KeyFields(const Json& key) {
  return {{"provider", key["provider"]}, {"path", key["path"]}, {"model", key["model"]}};
}

bool SameEndpoint(const Json& a, const Json& b) {
  return a["provider"] == b["provider"] && a["path"] == b["path"];
}

}  // namespace

Replayer::Loaded Replayer::Load(const Json& cassette) {
  if (auto error = CassetteError(cassette); !error.empty()) return {0, std::move(error)};
  std::vector<Recorded> recorded;
  for (const auto& exchange : cassette["exchanges"]) {
    recorded.push_back({NormalisedRequest(exchange["request"]), exchange["response"], false});
  }
  std::lock_guard lock(mutex_);
  recorded_ = std::move(recorded);
  misses_.clear();
  loaded_ = true;
  return {recorded_.size(), ""};
}

std::optional<Json> Replayer::Answer(std::int64_t seq, const Json& request, Json* miss) {
  const Json key = NormalisedRequest(request);
  std::lock_guard lock(mutex_);
  Recorded* last_match = nullptr;
  for (auto& candidate : recorded_) {
    if (candidate.key != key) continue;
    if (!candidate.used) {
      candidate.used = true;
      return candidate.response;
    }
    last_match = &candidate;
  }
  if (last_match != nullptr) return last_match->response;
  misses_.push_back(MissFor(seq, key));
  if (miss != nullptr) *miss = misses_.back();
  return std::nullopt;
}

// REQUIRES: mutex_ held.
Json Replayer::MissFor(std::int64_t seq, const Json& key) const {
  Json miss = {
      {"seq", seq}, {"request", KeyFields(key)}, {"nearest", nullptr}, {"difference", nullptr}};
  if (!loaded_) miss["reason"] = "no cassette loaded (POST /__stub/cassette)";
  bool any_same_endpoint = false;
  for (const auto& candidate : recorded_) any_same_endpoint |= SameEndpoint(candidate.key, key);
  std::optional<RequestDifference> best;
  std::size_t best_index = 0;
  for (std::size_t i = 0; i < recorded_.size(); ++i) {
    if (any_same_endpoint && !SameEndpoint(recorded_[i].key, key)) continue;
    auto difference = Compare(recorded_[i].key, key);
    if (!best || Nearer(difference, *best)) {
      best = std::move(difference);
      best_index = i;
    }
  }
  if (best) {
    miss["nearest"] = {{"index", best_index}, {"request", KeyFields(recorded_[best_index].key)}};
    miss["difference"] = DifferenceJson(*best);
  }
  return miss;
}

Json Replayer::Misses() const {
  Json misses = Json::array();
  std::lock_guard lock(mutex_);
  for (const auto& miss : misses_) misses.push_back(miss);
  return {{"misses", std::move(misses)}};
}

void Replayer::Rewind() {
  std::lock_guard lock(mutex_);
  for (auto& recorded : recorded_) recorded.used = false;
  misses_.clear();
}

}  // namespace model_stub
