#include "interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace stack_cycle {
namespace {

std::atomic<bool> interrupted{false};

void OnSignal(int signal) {
  if (interrupted.exchange(true)) _exit(128 + signal);
  constexpr char kMessage[] = "\nstack_cycle: interrupted, removing what was created...\n";
  (void)!::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

}  // namespace

void CatchInterrupts() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

bool Interrupted() { return interrupted.load(); }

}  // namespace stack_cycle
