#include "ids.h"

#include <fmt/format.h>

namespace model_stub {

std::uint64_t Fnv1a64(std::string_view data) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string StableId(std::string_view prefix, std::string_view seed) {
  return fmt::format("{}{:016x}", prefix, Fnv1a64(seed));
}

}  // namespace model_stub
