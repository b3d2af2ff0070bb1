// bench/stack_cycle: how long one stack takes to come up and go down again
// through the harness, next to what users would pick instead, in one run on
// one machine (these machines are noisy: only same-run ratios mean much).
// See docs/BENCHMARKS.md for how to run it and what it printed.
//
//   build-bench/bench/stack_cycle [--cycles N] [--section trivial|reference|all]
//
// Everything it creates is removed at the end, also after Ctrl-C (see
// leftovers.h); the last line says whether anything had been left behind.
#include <fmt/format.h>

#include "docker/client.h"
#include "interrupt.h"
#include "leftovers.h"
#include "options.h"
#include "report.h"
#include "sections.h"

int main(int argc, char** argv) {
  using namespace stack_cycle;
  const Options options = ParseOptions(argc, argv);
  CatchInterrupts();
  docker::Client docker;
  PrintMachine(docker);
  LeftoverSweep sweep(docker);
  int failures = 0;
  try {
    if (options.trivial) failures += RunTrivialSection(options);
    if (options.reference && !Interrupted()) failures += RunReferenceSection(options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "stack_cycle: {}\n", e.what());
    ++failures;
  }
  const std::vector<std::string> leftovers = sweep.Sweep();
  fmt::print("\n");
  PrintPeakMemory();
  if (leftovers.empty()) fmt::print("left behind: nothing\n");
  for (const std::string& leftover : leftovers)
    fmt::print("left behind, now removed: {}\n", leftover);
  if (Interrupted()) return 130;
  return failures == 0 ? 0 : 1;
}
