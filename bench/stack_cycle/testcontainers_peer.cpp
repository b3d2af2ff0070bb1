#include <filesystem>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "naming.h"
#include "peers.h"

namespace stack_cycle {

using bench::LineChild;
using bench::OnPath;
namespace {

// Long enough for a loaded machine; a worker that hangs must not hang the bench.
constexpr std::chrono::seconds kAnswerTimeout{120};

// Speaks the worker's line protocol: "up <json>" / "down", answered "ok" or
// "error <message>". The node process lives for the whole bench, as it would
// for a test suite, so its start-up is not part of any cycle.
class TestcontainersPeer : public Peer {
 public:
  TestcontainersPeer(const e2e::StackSpec& spec, const std::string& worker_script,
                     const std::string& node_dir)
      : spec_(spec),
        worker_({"node", worker_script},
                {"BENCH_NODE_DIR=" + node_dir,
                 // Ryuk would need its image from a registry; the worker and
                 // the bench's leftover sweep remove everything instead.
                 "TESTCONTAINERS_RYUK_DISABLED=true"}) {}

  void Up() override {
    const std::string instance = FreshName("tc");
    nlohmann::json stack = {
        {"network", instance}, {"labels", RunLabels()}, {"services", nlohmann::json::array()}};
    for (const auto& service : spec_.services) {
      stack["services"].push_back({{"name", instance + "-" + service.name},
                                   {"image", service.image},
                                   {"command", service.command},
                                   {"aliases", {service.name}}});
    }
    Ask("up " + stack.dump());
  }

  void Down() override { Ask("down"); }

 private:
  void Ask(const std::string& request) {
    worker_.Send(request);
    const std::string answer = worker_.ReadLine(kAnswerTimeout);
    if (answer != "ok") throw std::runtime_error("testcontainers worker: " + answer);
  }

  const e2e::StackSpec& spec_;
  LineChild worker_;
};

}  // namespace

PeerSlot MakeTestcontainersPeer(const e2e::StackSpec& spec, const std::string& worker_script,
                                const std::string& node_dir) {
  const std::string how = "bench/install-peers (npm install into " + node_dir + ")";
  if (!OnPath("node")) return {"tc", nullptr, "apt-get install nodejs npm, then " + how};
  if (!std::filesystem::exists(node_dir + "/node_modules/testcontainers/package.json")) {
    return {"tc", nullptr, how};
  }
  return {"tc", std::make_unique<TestcontainersPeer>(spec, worker_script, node_dir), ""};
}

}  // namespace stack_cycle
