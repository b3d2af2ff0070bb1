#include "live_semaphore.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace support {
namespace {

using ::testing::HasSubstr;

// A fresh lock directory per test, removed afterwards.
class LiveSemaphoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "live-semaphore-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string directory_;
};

TEST_F(LiveSemaphoreTest, GivesAtMostNSlotsAtOnce) {
  const LiveSemaphore semaphore(2, directory_);
  auto first = semaphore.TryAcquire();
  auto second = semaphore.TryAcquire();
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->index(), second->index());
  EXPECT_FALSE(semaphore.TryAcquire().has_value());
  first.reset();
  EXPECT_TRUE(semaphore.TryAcquire().has_value());
}

TEST_F(LiveSemaphoreTest, AcquireThrowsAfterItsTimeoutSayingHowLongItWaited) {
  const LiveSemaphore semaphore(1, directory_);
  const auto held = semaphore.TryAcquire();
  ASSERT_TRUE(held);
  const auto started = std::chrono::steady_clock::now();
  try {
    semaphore.Acquire(std::chrono::milliseconds(100));
    FAIL() << "acquired a slot that was held";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("all 1 slots under " + directory_));
    EXPECT_THAT(error.what(), HasSubstr("E2E_LIVE_CONCURRENCY"));
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(100));
}

TEST_F(LiveSemaphoreTest, AcquireWaitsForAReleaseAndReportsTheWait) {
  const LiveSemaphore semaphore(1, directory_);
  auto held = semaphore.TryAcquire();
  ASSERT_TRUE(held);
  std::thread releaser([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));  // sleep-ok: held
    held.reset();
  });
  const LiveSlot slot = semaphore.Acquire(std::chrono::seconds(10));
  releaser.join();
  EXPECT_GE(slot.waited(), std::chrono::milliseconds(100));
  EXPECT_LT(slot.waited(), std::chrono::seconds(10));
}

// The ceiling holds across processes, and a holder that dies frees its slot.
TEST_F(LiveSemaphoreTest, IsSharedWithOtherProcessesAndFreedWhenTheHolderDies) {
  const LiveSemaphore semaphore(1, directory_);
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto slot = semaphore.TryAcquire();
    const char byte = slot ? 'y' : 'n';
    (void)!::write(ready[1], &byte, 1);
    ::pause();  // holds the slot until killed
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ASSERT_EQ(byte, 'y');
  EXPECT_FALSE(semaphore.TryAcquire().has_value());
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_TRUE(semaphore.TryAcquire().has_value());
  ::close(ready[0]);
  ::close(ready[1]);
}

}  // namespace
}  // namespace support
