#pragma once
// A ceiling on live provider load across every test process on the machine:
// at most N slots, each a lock file <dir>/slot-<i>.lock held with flock().
// flock locks belong to an open file description, so two holders in one
// process exclude each other too, and the kernel frees a slot when its
// holder dies: a killed test never leaves a slot taken.

#include <chrono>
#include <optional>
#include <string>

namespace support {

// A held slot; released when destroyed. Movable, not copyable.
class LiveSlot {
 public:
  LiveSlot(LiveSlot&& other) noexcept;
  LiveSlot& operator=(LiveSlot&& other) noexcept;
  LiveSlot(const LiveSlot&) = delete;
  LiveSlot& operator=(const LiveSlot&) = delete;
  ~LiveSlot();

  int index() const { return index_; }
  // How long Acquire waited for this slot.
  std::chrono::milliseconds waited() const { return waited_; }

 private:
  friend class LiveSemaphore;
  LiveSlot(int fd, int index, std::chrono::milliseconds waited);

  int fd_ = -1;
  int index_ = -1;
  std::chrono::milliseconds waited_{0};
};

class LiveSemaphore {
 public:
  // /tmp/mcp-e2e-live, shared by every process of the machine.
  static std::string DefaultDirectory();

  // REQUIRES: slots >= 1. The directory is created on first use.
  explicit LiveSemaphore(int slots, std::string directory = DefaultDirectory());

  // A free slot now, or nullopt. Throws std::runtime_error (naming the
  // path and errno text) when a lock file cannot be opened.
  std::optional<LiveSlot> TryAcquire() const;

  // A slot, polling with backoff until one is free or `timeout` has passed;
  // then throws std::runtime_error saying how many slots, where, and how
  // long it waited.
  LiveSlot Acquire(std::chrono::milliseconds timeout) const;

 private:
  int slots_;
  std::string directory_;
};

}  // namespace support
