#include "logging.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "env.h"

namespace support {
namespace {

// Lines waiting for the writer thread; when full, a logging thread waits
// (block policy): no line is dropped.
constexpr std::size_t kQueuedLines = 8192;

}  // namespace

LoggingSession::~LoggingSession() { spdlog::shutdown(); }

LoggingSession InitLogging(std::string_view program) {
  spdlog::init_thread_pool(kQueuedLines, 1);
  // stderr is unbuffered and the sink writes each line at once: no flush policy needed.
  auto logger = spdlog::create_async<spdlog::sinks::stderr_sink_mt>(std::string(program));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %n: %v");
  logger->set_level(spdlog::level::from_str(EnvOr("LOG_LEVEL", "info")));
  spdlog::set_default_logger(logger);
  return {};
}

}  // namespace support
