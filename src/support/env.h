#pragma once

#include <string>

namespace support {

// The environment variable `name`, or `fallback` when it is unset or empty.
std::string EnvOr(const char* name, std::string fallback);

// The environment variable `name` parsed as an integer, or `fallback` when it
// is unset, empty or not a number.
long EnvIntOr(const char* name, long fallback);

}  // namespace support
