#include "live_semaphore.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "poll_until.h"

namespace support {
namespace {

std::string SlotPath(const std::string& directory, int index) {
  return directory + "/slot-" + std::to_string(index) + ".lock";
}

void CreateDirectory(const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw std::runtime_error("live semaphore: cannot create " + directory + ": " + error.message());
  }
  // Every user's tests share the ceiling; make the directory writable to all
  // (sticky, like /tmp). Failing is fine when another user created it so.
  std::filesystem::permissions(
      directory, std::filesystem::perms::all | std::filesystem::perms::sticky_bit, error);
}

// The slot's lock file, locked; -1 when another holder has it.
int TryLock(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    throw std::runtime_error("live semaphore: cannot open " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
  const int error = errno;
  ::close(fd);
  if (error == EWOULDBLOCK || error == EINTR) return -1;
  throw std::runtime_error("live semaphore: cannot lock " + path + ": " + std::strerror(error));
}

}  // namespace

LiveSlot::LiveSlot(int fd, int index, std::chrono::milliseconds waited)
    : fd_(fd), index_(index), waited_(waited) {}

LiveSlot::LiveSlot(LiveSlot&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), index_(other.index_), waited_(other.waited_) {}

LiveSlot& LiveSlot::operator=(LiveSlot&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    index_ = other.index_;
    waited_ = other.waited_;
  }
  return *this;
}

// Closing the last descriptor of the open file description drops the lock.
LiveSlot::~LiveSlot() {
  if (fd_ >= 0) ::close(fd_);
}

std::string LiveSemaphore::DefaultDirectory() { return "/tmp/mcp-e2e-live"; }

LiveSemaphore::LiveSemaphore(int slots, std::string directory)
    : slots_(slots < 1 ? 1 : slots), directory_(std::move(directory)) {}

std::optional<LiveSlot> LiveSemaphore::TryAcquire() const {
  CreateDirectory(directory_);
  for (int index = 0; index < slots_; ++index) {
    const int fd = TryLock(SlotPath(directory_, index));
    if (fd >= 0) return LiveSlot(fd, index, std::chrono::milliseconds(0));
  }
  return std::nullopt;
}

LiveSlot LiveSemaphore::Acquire(std::chrono::milliseconds timeout) const {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  std::optional<LiveSlot> slot;
  const bool acquired = support::PollUntil(started + timeout, [&] {  // poll
    slot = TryAcquire();
    return slot.has_value();
  });
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (!acquired) {
    throw std::runtime_error("live semaphore: all " + std::to_string(slots_) + " slots under " +
                             directory_ + " stayed taken for " + std::to_string(waited.count()) +
                             " ms (E2E_LIVE_CONCURRENCY)");
  }
  slot->waited_ = waited;
  return std::move(*slot);
}

}  // namespace support
