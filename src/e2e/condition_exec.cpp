// ExecSucceeds: a command exits with 0 in a service.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "e2e/conditions.h"
#include "e2e/stack.h"

namespace e2e {
namespace {

std::string Tail(const std::string& text, size_t limit = 500) {
  return text.size() > limit ? "..." + text.substr(text.size() - limit) : text;
}

}  // namespace

Condition ExecSucceeds(Stack& stack, const std::string& service, std::vector<std::string> cmd,
                       std::chrono::milliseconds attempt_timeout) {
  return [&stack, service, cmd = std::move(cmd), attempt_timeout](std::string& observed) {
    const std::string command = fmt::format("`{}` in {}", fmt::join(cmd, " "), service);
    try {
      const docker::ExecResult result =
          stack.Exec(service, {.cmd = cmd, .timeout = attempt_timeout});
      observed = fmt::format("{} exited {}; stdout: {}; stderr: {}", command, result.exit_code,
                             Tail(result.output.out), Tail(result.output.err));
      return result.exit_code == 0;
    } catch (const docker::Timeout& e) {
      // One slow attempt is a failed attempt, not the end of the wait.
      observed =
          fmt::format("{} overran its {} ms: {}", command, attempt_timeout.count(), e.what());
      return false;
    }
  };
}

}  // namespace e2e
