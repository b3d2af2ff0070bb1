#pragma once
// Command line of bench/stack_cycle.

#include <string>

namespace stack_cycle {

struct Options {
  int cycles = 10;  // timed cycles per peer and section
  bool trivial = true;
  bool reference = true;
  std::string source_dir;  // the repository (for bench/stacks, bench/testcontainers)
  std::string node_dir;    // where bench/install-peers put testcontainers
};

// Parses argv; prints usage and exits on --help or a bad flag.
Options ParseOptions(int argc, char** argv);

}  // namespace stack_cycle
