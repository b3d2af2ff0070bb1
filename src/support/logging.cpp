#include "logging.h"

#include <spdlog/details/log_msg.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>

#include "env.h"

namespace support {
namespace {

constexpr const char* kPattern = "%Y-%m-%dT%H:%M:%S.%e %^%l%$ %n: %v";

// Each line goes to stderr in one write(2), without a lock. spdlog's console
// sinks hold a process-wide mutex around the write (and again to flush an
// unbuffered stream): under load that mutex was 90 % of the server's futex
// calls, request threads queueing behind one another's system calls. A line
// of up to PIPE_BUF (4096) bytes reaches a pipe, such as the container's log
// driver, whole; nothing is buffered, so nothing is lost when the process dies.
class StderrLineSink final : public spdlog::sinks::sink {
 public:
  StderrLineSink() : prototype_(std::make_unique<spdlog::pattern_formatter>(kPattern)) {}

  void log(const spdlog::details::log_msg& msg) override {
    // pattern_formatter caches the time it formatted last: one per thread.
    thread_local std::unique_ptr<spdlog::formatter> formatter;
    thread_local const StderrLineSink* formatter_owner = nullptr;
    thread_local std::uint64_t formatter_generation = 0;
    if (formatter_owner != this || formatter_generation != generation_.load()) {
      std::lock_guard lock(mutex_);
      formatter = prototype_->clone();
      formatter_owner = this;
      formatter_generation = generation_.load();
    }
    spdlog::memory_buf_t line;
    formatter->format(msg, line);
    const char* data = line.data();
    std::size_t left = line.size();
    while (left > 0) {
      const ssize_t written = ::write(STDERR_FILENO, data, left);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return;  // nowhere to log to: nothing better to do
      data += written;
      left -= static_cast<std::size_t>(written);
    }
  }
  void flush() override {}  // nothing is buffered
  void set_pattern(const std::string& pattern) override {
    set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
  }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    std::lock_guard lock(mutex_);
    prototype_ = std::move(formatter);
    ++generation_;
  }

 private:
  std::mutex mutex_;  // only for a new pattern and each thread's first line
  std::unique_ptr<spdlog::formatter> prototype_;
  std::atomic<std::uint64_t> generation_{1};
};

}  // namespace

void InitLogging(std::string_view program) {
  auto logger =
      std::make_shared<spdlog::logger>(std::string(program), std::make_shared<StderrLineSink>());
  logger->set_level(spdlog::level::from_str(EnvOr("LOG_LEVEL", "info")));
  spdlog::set_default_logger(logger);
}

}  // namespace support
