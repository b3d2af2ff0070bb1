// LogLineSeen: a line of a service's output contains a text.
#include <fmt/format.h>

#include <stdexcept>

#include "e2e/conditions.h"
#include "e2e/stack.h"

namespace e2e {
namespace {

std::string LastLine(const std::string& text) {
  std::string_view rest(text);
  while (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
  const size_t start = rest.rfind('\n');
  const std::string_view line = start == std::string_view::npos ? rest : rest.substr(start + 1);
  return line.size() > 300 ? std::string(line.substr(0, 300)) + "..." : std::string(line);
}

}  // namespace

Condition LogLineSeen(Stack& stack, const std::string& service, const std::string& text) {
  return [&stack, service, text](std::string& observed) {
    // Inspected before the logs are read: when it had stopped by then, the
    // logs read next are all it will ever write.
    const docker::ContainerInspect inspect = stack.Inspect(service);
    const docker::Output logs = stack.Logs(service);
    if (logs.out.find(text) != std::string::npos || logs.err.find(text) != std::string::npos) {
      return true;
    }
    observed = fmt::format(
        "{} wrote {} bytes to stdout (last line: \"{}\") and {} to stderr "
        "(last line: \"{}\")",
        service, logs.out.size(), LastLine(logs.out), logs.err.size(), LastLine(logs.err));
    if (!inspect.state.running) {
      throw std::runtime_error(
          fmt::format("{} stopped ({}, exit code {}) without writing \"{}\"; {}", service,
                      inspect.state.status, inspect.state.exit_code, text, observed));
    }
    return false;
  };
}

}  // namespace e2e
