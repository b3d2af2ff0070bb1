#pragma once
// One log format for every program of the stack: container logs are read by
// people debugging a failed test, so they should look alike.

#include <string_view>

namespace support {

// Sets spdlog's default logger to stderr, named `program`, level from LOG_LEVEL
// (trace|debug|info|warn|error; default info).
void InitLogging(std::string_view program);

}  // namespace support
