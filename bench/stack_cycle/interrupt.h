#pragma once
// Ctrl-C, SIGTERM and SIGHUP end the bench between two steps instead of in
// the middle of one, so the destructors that remove the stacks still run.

namespace stack_cycle {

// Installs the handlers. A second signal ends the process at once.
void CatchInterrupts();
// True once a signal arrived.
bool Interrupted();

}  // namespace stack_cycle
