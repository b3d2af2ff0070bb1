#pragma once
// Replay mode: answers requests from a loaded cassette (POST /__stub/cassette)
// and keeps what it could not answer (GET /__stub/replay-misses).
//
// A request matches a recorded exchange when their normalised requests
// (normalise.h: provider, path, model, body) are equal. Several exchanges
// with the same key are answered in recorded order; once all are used, the
// last one answers again (a client retrying the same request gets the same
// answer). A miss is kept with the nearest recorded request: among those of
// the same provider and path (all, when there is none), the nearest by
// request_difference.h (fewest JSON Patch operations, then longest shared
// prefix), the earliest on a tie; with the first difference.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "json_text.h"

namespace model_stub {

class Replayer {
 public:
  // Replaces the cassette (and forgets consumption and misses). Returns the
  // number of exchanges, or an error naming the bad field.
  struct Loaded {
    std::size_t exchanges = 0;
    std::string error;
  };
  Loaded Load(const Json& cassette);

  // The recorded "response" for `request` (cassette-shaped, see
  // CassetteRequest); nullopt on a miss, which is kept with `seq` (the
  // journal's) and returned through `miss` when given.
  std::optional<Json> Answer(std::int64_t seq, const Json& request, Json* miss = nullptr);

  // {"misses": [{"seq", "request": {provider, path, model}, "nearest":
  //   {"index", "request": {provider, path, model}} | null,
  //   "difference": {"distance", "pointer", "recorded", "received"} | null}]}
  Json Misses() const;

  // Every exchange unused again, misses forgotten; the cassette stays.
  void Rewind();

 private:
  struct Recorded {
    Json key;       // normalised request
    Json response;  // as recorded
    bool used = false;
  };

  Json MissFor(std::int64_t seq, const Json& key) const;

  mutable std::mutex mutex_;
  std::vector<Recorded> recorded_;
  std::vector<Json> misses_;
  bool loaded_ = false;
};

}  // namespace model_stub
