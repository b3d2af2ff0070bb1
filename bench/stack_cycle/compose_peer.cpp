#include "child_process.h"
#include "naming.h"
#include "peers.h"

namespace stack_cycle {

using bench::OnPath;
using bench::RunOrThrow;
namespace {

// docker-compose names the project's network <project>_stack and its
// containers <project>_<service>_1 and labels them with the project; the
// project name carries the run's prefix. The stack file is read as it is
// (the harness rejects a `labels:` key, so the file cannot carry the run label).
class ComposePeer : public Peer {
 public:
  explicit ComposePeer(std::string stack_file) : stack_file_(std::move(stack_file)) {}

  void Up() override {
    project_ = ProjectName();
    up_ = true;
    RunOrThrow({"docker-compose", "-p", project_, "-f", stack_file_, "up", "-d"});
  }

  void Down() override {
    if (!up_) return;
    up_ = false;
    RunOrThrow({"docker-compose", "-p", project_, "-f", stack_file_, "down"});
  }

  // One project name for the whole run: compose finds its resources by it,
  // and so does the clean-up after an interruption (see leftovers.h).
  static std::string ProjectName() { return RunId() + "-compose"; }

 private:
  std::string stack_file_;
  std::string project_;
  bool up_ = false;
};

}  // namespace

std::string ComposeProjectName() { return ComposePeer::ProjectName(); }

PeerSlot MakeComposePeer(const std::string& stack_file) {
  if (!OnPath("docker-compose")) {
    return {"compose", nullptr, "bench/install-peers (apt-get install docker-compose)"};
  }
  return {"compose", std::make_unique<ComposePeer>(stack_file), ""};
}

}  // namespace stack_cycle
