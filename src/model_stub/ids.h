#pragma once
// Deterministic identifiers: the same request gives the same ids on every
// machine and every run, so transcripts of two runs can be compared.

#include <cstdint>
#include <string>
#include <string_view>

namespace model_stub {

// 64-bit FNV-1a of `data`: tiny, fixed and documented, unlike std::hash.
std::uint64_t Fnv1a64(std::string_view data);

// `prefix` followed by 16 lower-case hex digits of Fnv1a64(seed),
// e.g. StableId("msg_", body) == "msg_6f1c...".
std::string StableId(std::string_view prefix, std::string_view seed);

}  // namespace model_stub
