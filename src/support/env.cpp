#include "env.h"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace support {

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? std::string(value) : fallback;
}

long EnvIntOr(const char* name, long fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return fallback;
  long parsed = 0;
  const char* end = value + std::strlen(value);
  auto [ptr, ec] = std::from_chars(value, end, parsed);
  return (ec == std::errc() && ptr == end) ? parsed : fallback;
}

}  // namespace support
