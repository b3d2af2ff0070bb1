#include "sections.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "e2e/paths.h"
#include "e2e/stack_spec.h"
#include "interrupt.h"
#include "peers.h"
#include "report.h"
#include "rounds.h"

namespace stack_cycle {

using bench::RunOrThrow;
namespace {

// What a program says its version is, for the legend; "?" when it cannot.
std::string VersionOf(const std::vector<std::string>& argv) {
  try {
    std::string printed = RunOrThrow(argv);
    while (!printed.empty() && (printed.back() == '\n' || printed.back() == ' '))
      printed.pop_back();
    return printed;
  } catch (const std::exception&) {
    return "?";
  }
}

std::string InstalledTestcontainersVersion(const std::string& node_dir) {
  std::ifstream package(node_dir + "/node_modules/testcontainers/package.json");
  if (!package) return "?";
  return nlohmann::json::parse(package, nullptr, false).value("version", "?");
}

e2e::VariableLookup LookupIn(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    if (auto it = variables.find(name); it != variables.end()) return it->second;
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    return std::nullopt;
  };
}

int FailuresIn(const std::vector<CycleSamples>& samples) {
  int failures = 0;
  for (const CycleSamples& peer : samples) failures += peer.failures;
  return failures;
}

// Runs the rounds between two load-average lines and prints the table.
int RunAndPrint(std::vector<PeerSlot>& slots, int cycles, size_t baseline) {
  fmt::print("start     {}\n", LoadAverage());
  std::fflush(stdout);
  const std::vector<CycleSamples> samples = RunInterleaved(slots, cycles);
  fmt::print("end       {}\n", LoadAverage());
  fmt::print("medians in ms; cycle = up + down of the same cycle\n");
  PrintTable(slots, samples, baseline);
  std::fflush(stdout);
  return FailuresIn(samples);
}

}  // namespace

int RunTrivialSection(const Options& options) {
  const std::string file = options.source_dir + "/bench/stacks/three_idle.yml";
  const e2e::StackSpec spec = e2e::LoadStackSpec(file, LookupIn({}));
  docker::Client harness_docker;  // one client per peer, as each test process has its own
  docker::Client raw_docker;

  std::vector<PeerSlot> slots;
  slots.push_back({"harness", MakeHarnessPeer(harness_docker, file, {}), ""});
  slots.push_back({"raw", MakeRawApiPeer(raw_docker, spec), ""});
  slots.push_back(MakeCliPeer(spec));
  slots.push_back(MakeComposePeer(file));
  slots.push_back(MakeTestcontainersPeer(
      spec, options.source_dir + "/bench/testcontainers/stack_cycle_worker.js", options.node_dir));

  fmt::print("\n== trivial stack: {} ({} services, one network, no health checks)\n", file,
             spec.services.size());
  fmt::print("{} timed cycles per peer after one warm-up cycle each, peers interleaved per round\n",
             options.cycles);
  fmt::print("  harness   e2e::Stack Up() + Down(), as a test does\n");
  fmt::print(
      "  raw       docker::Client (this project's Engine API client, libcurl): network create; "
      "create+start\n            per container in parallel threads; force-remove in parallel; "
      "network remove\n");
  fmt::print(
      "  cli       docker CLI {}, sequential: network create, run -d ×{}, rm -f, network rm\n",
      VersionOf({"docker", "version", "--format", "{{.Client.Version}}"}), spec.services.size());
  fmt::print("  compose   docker-compose {}: -p NAME -f {} up -d / down\n",
             VersionOf({"docker-compose", "version", "--short"}), file);
  fmt::print(
      "  tc        testcontainers-node {} (node {}): Network + GenericContainer.start() in "
      "parallel;\n            stop() in parallel; TESTCONTAINERS_RYUK_DISABLED=true (Ryuk's "
      "image needs a registry)\n",
      InstalledTestcontainersVersion(options.node_dir), VersionOf({"node", "--version"}));
  return RunAndPrint(slots, options.cycles, /*baseline=harness*/ 0);
}

int RunReferenceSection(const Options& options) {
  const std::string file = e2e::ComposeFile();
  fmt::print("\n== reference stack: {} (the project's images, real health checks)\n", file);
  std::map<std::string, std::string> images;
  try {
    images = e2e::ImageVariables();
  } catch (const std::exception& e) {
    fmt::print("skipped: {}\n", e.what());
    return 0;
  }
  std::map<std::string, std::string> variables = images;
  variables["E2E_ID"] = "000000";  // only the file's `name:` uses it; the raw peer names its own
  const e2e::StackSpec spec = e2e::LoadStackSpec(file, LookupIn(variables));
  docker::Client harness_docker;
  docker::Client raw_docker;

  std::vector<PeerSlot> slots;
  slots.push_back({"harness", MakeHarnessPeer(harness_docker, file, images), ""});
  slots.push_back({"raw", MakeRawApiPeer(raw_docker, spec), ""});

  fmt::print("{} timed cycles per peer after one warm-up cycle each, interleaved\n",
             options.cycles);
  fmt::print(
      "  harness   e2e::Stack Up() + Down(): depends_on order, waits for every health check\n");
  fmt::print(
      "  raw       docker::Client: network, volume, the same {} containers (image, env, limits, "
      "health\n            check) created+started in parallel threads, nothing awaited; "
      "force-remove in parallel\n",
      spec.services.size());
  return RunAndPrint(slots, options.cycles, /*baseline=raw*/ 1);
}

}  // namespace stack_cycle
