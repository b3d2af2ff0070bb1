#include "child_process.h"
#include "naming.h"
#include "peers.h"

namespace stack_cycle {

using bench::OnPath;
using bench::RunOrThrow;
namespace {

// Only what the trivial stack uses (image, command, network aliases): the
// bench gives the CLI the same stack, not a translator of stack files.
class CliPeer : public Peer {
 public:
  explicit CliPeer(const e2e::StackSpec& spec) : spec_(spec) {}

  void Up() override {
    instance_ = FreshName("cli");
    const std::string label = std::string(kRunLabel) + "=" + RunId();
    RunOrThrow({"docker", "network", "create", "--label", label, instance_});
    network_created_ = true;
    for (const auto& service : spec_.services) {
      const std::string name = instance_ + "-" + service.name;
      std::vector<std::string> run = {
          "docker", "run",       "-d",      "--name",          name,         "--label",
          label,    "--network", instance_, "--network-alias", service.name, service.image};
      run.insert(run.end(), service.command.begin(), service.command.end());
      containers_.push_back(name);
      RunOrThrow(run);
    }
  }

  void Down() override {
    if (!containers_.empty()) {
      std::vector<std::string> remove = {"docker", "rm", "-f"};
      remove.insert(remove.end(), containers_.begin(), containers_.end());
      containers_.clear();
      RunOrThrow(remove);
    }
    if (network_created_) RunOrThrow({"docker", "network", "rm", instance_});
    network_created_ = false;
  }

 private:
  const e2e::StackSpec& spec_;
  std::string instance_;
  bool network_created_ = false;
  std::vector<std::string> containers_;  // names
};

}  // namespace

PeerSlot MakeCliPeer(const e2e::StackSpec& spec) {
  if (!OnPath("docker")) return {"cli", nullptr, "apt-get install docker.io (scripts/setup)"};
  return {"cli", std::make_unique<CliPeer>(spec), ""};
}

}  // namespace stack_cycle
