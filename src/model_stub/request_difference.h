#pragma once
// How far a received request is from a recorded one, for replay misses: the
// number of JSON Patch operations (RFC 6902, nlohmann::json::diff) that turn
// the recorded normalised request into the received one, the length of the
// prefix their compact JSON texts share (to rank equal distances: one changed
// word beats one changed prompt), and the first operation (in document
// order) as a readable difference.

#include <cstddef>
#include <string>

#include "json_text.h"

namespace model_stub {

struct RequestDifference {
  std::size_t distance = 0;       // 0: equal
  std::size_t shared_prefix = 0;  // bytes
  std::string pointer;  // JSON pointer of the first difference, e.g. "/body/messages/1/content"
  Json recorded;        // the value there in the recording (null when absent)
  Json received;        // the value there in the request (null when absent)
};

// Whether `a` is nearer than `b`: smaller distance, then longer shared prefix.
bool Nearer(const RequestDifference& a, const RequestDifference& b);

// Compares two normalised requests (see normalise.h). Long strings are cut
// to an excerpt around their first differing character.
RequestDifference Compare(const Json& recorded, const Json& received);

// The difference as JSON: {"distance", "pointer", "recorded", "received"}.
Json DifferenceJson(const RequestDifference& difference);

}  // namespace model_stub
