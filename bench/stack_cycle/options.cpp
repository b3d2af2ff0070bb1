#include "options.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace stack_cycle {
namespace {

constexpr const char* kUsage = R"(usage: stack_cycle [--cycles N] [--section trivial|reference|all]
                   [--node-dir DIR]
  --cycles N     timed up+down cycles per peer and section (default 10), after one
                 untimed warm-up cycle each
  --section S    trivial: bench/stacks/three_idle.yml by harness, raw API, docker CLI,
                 docker-compose, testcontainers-node; reference: compose/stack.yml by the
                 harness vs the raw API (needs `cmake --build BUILD --target images`);
                 all (default): both
  --node-dir D   where bench/install-peers installed testcontainers (default BUILD/bench-node)
Peers that are missing are reported with how to install them (bench/install-peers).
)";

[[noreturn]] void Usage(int status) {
  fmt::print(status == 0 ? stdout : stderr, "{}", kUsage);
  std::exit(status);
}

}  // namespace

Options ParseOptions(int argc, char** argv) {
  Options options{.source_dir = STACK_CYCLE_SOURCE_DIR,
                  .node_dir = std::string(STACK_CYCLE_BINARY_DIR) + "/bench-node"};
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--help" || flag == "-h") Usage(0);
    if (flag == "--cycles" && has_value) {
      options.cycles = std::atoi(argv[++i]);
      if (options.cycles < 1) Usage(2);
    } else if (flag == "--section" && has_value) {
      const std::string_view section = argv[++i];
      if (section != "trivial" && section != "reference" && section != "all") Usage(2);
      options.trivial = section != "reference";
      options.reference = section != "trivial";
    } else if (flag == "--node-dir" && has_value) {
      // Absolute: node resolves the worker's require() paths from it.
      options.node_dir = std::filesystem::absolute(argv[++i]).string();
    } else {
      Usage(2);
    }
  }
  return options;
}

}  // namespace stack_cycle
