#pragma once
// One log format for every program of the stack: container logs are read by
// people debugging a failed test, so they should look alike.

#include <string_view>

namespace support {

// Drains the log queue when the program ends (spdlog::shutdown), so the last
// lines (the reason a program stopped) are never lost. Keep it alive in main().
class [[nodiscard]] LoggingSession {
 public:
  LoggingSession() = default;
  ~LoggingSession();
  LoggingSession(const LoggingSession&) = delete;
  LoggingSession& operator=(const LoggingSession&) = delete;
};

// Sets spdlog's default logger to stderr, named `program`, level from LOG_LEVEL
// (trace|debug|info|warn|error; default info). The logger is asynchronous:
// request threads hand a line to one writer thread instead of taking turns
// on the console lock around a write(2) (which was most of the server's lock
// waits under load). Creates that thread: call it after blocking any signals
// the program handles on a thread of its own.
LoggingSession InitLogging(std::string_view program);

}  // namespace support
