// A stand-in for a test process, for the reaper's integration tests
// (session_guard_test.cpp): brings a stack up, prints
// "READY <e2e.session> <stack id> <reaper container id>" and then waits for
// what the test does to it: a signal, SIGKILL, or EOF on stdin (then it exits
// normally). Usage:
//   session_holder STACK_FILE [--keep]
// --keep marks the stack kept, as StackTest does with E2E_KEEP_STACK=1 for a
// failed test, and leaves it up when exiting.
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>

#include "docker/client.h"
#include "e2e/reaper.h"
#include "e2e/session_guard.h"
#include "e2e/stack.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: session_holder STACK_FILE [--keep]\n";
    return 2;
  }
  const bool keep = argc > 2 && std::strcmp(argv[2], "--keep") == 0;
  docker::Client docker;
  auto stack = std::make_unique<e2e::Stack>(
      docker, e2e::StackOptions{.compose_file = argv[1], .test_name = "session_holder"});
  try {
    stack->Up();
    if (keep) e2e::MarkStackKept(docker, stack->id(), e2e::Stack::SessionId());
  } catch (const std::exception& e) {
    std::cerr << "session_holder: " << e.what() << "\n";
    return 1;
  }
  std::cout << "READY " << e2e::Stack::SessionId() << " " << stack->id() << " "
            << e2e::SessionReaperId() << std::endl;
  // Bounded: a holder nobody ends goes after two minutes. A signal only
  // interrupts the wait, as it would a test's call, which then carries on:
  // the harness must tear down without the main thread's help.
  pollfd input{.fd = STDIN_FILENO, .events = POLLIN};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (::poll(&input, 1, static_cast<int>(left.count())) != -1 || errno != EINTR) break;
  }
  if (keep) stack.release();  // as StackTest does: kept, not torn down
  return 0;
}
