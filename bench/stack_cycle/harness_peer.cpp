#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "e2e/stack.h"
#include "naming.h"
#include "peers.h"

namespace stack_cycle {
namespace {

class HarnessPeer : public Peer {
 public:
  HarnessPeer(docker::Client& docker, e2e::StackOptions options)
      : docker_(docker), options_(std::move(options)) {}

  void Up() override {
    stack_ = std::make_unique<e2e::Stack>(docker_, options_);
    stack_->Up();
  }

  void Down() override {
    if (!stack_) return;
    const std::vector<std::string> problems = stack_->Down();
    // Where the harness's time went, cycle by cycle (stderr, with its other lines).
    fmt::print(stderr, "[bench] harness steps: {}\n", stack_->steps().Summary());
    stack_.reset();
    if (!problems.empty()) throw std::runtime_error("harness down: " + problems.front());
  }

 private:
  docker::Client& docker_;
  e2e::StackOptions options_;
  std::unique_ptr<e2e::Stack> stack_;  // its destructor removes whatever is left
};

}  // namespace

std::unique_ptr<Peer> MakeHarnessPeer(docker::Client& docker, const std::string& stack_file,
                                      const std::map<std::string, std::string>& variables) {
  return std::make_unique<HarnessPeer>(
      docker,
      e2e::StackOptions{.compose_file = stack_file, .variables = variables, .test_name = RunId()});
}

}  // namespace stack_cycle
