// ServiceHealthy and ServiceRunning: conditions on a container's State.
//
// Right after a restart the Engine may still report the health status of the
// container's previous run, "healthy" included, until the health monitor of
// the new run resets it. So a status only counts when the health check that
// produced it started after State.StartedAt of the current run; both are the
// daemon's own timestamps, so the test host's clock plays no part.
#include <absl/time/time.h>
#include <fmt/format.h>

#include <optional>
#include <stdexcept>

#include "e2e/conditions.h"
#include "e2e/stack.h"

namespace e2e {
namespace {

using nlohmann::json;

// A Docker timestamp (RFC 3339 with up to nanoseconds and a zone).
std::optional<absl::Time> ParseDockerTime(const std::string& text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return std::nullopt;
  return time;
}

std::string StringAt(const json& document, const char* pointer) {
  return document.value(json::json_pointer(pointer), std::string());
}

// The newest entry of State.Health.Log when that check started during the
// current run; nullopt when no check has run since the container started.
std::optional<json> LastCheckOfThisRun(const json& inspect) {
  const json log = inspect.value(json::json_pointer("/State/Health/Log"), json::array());
  const std::optional<absl::Time> started = ParseDockerTime(StringAt(inspect, "/State/StartedAt"));
  if (!log.is_array() || log.empty() || !started) return std::nullopt;
  const std::optional<absl::Time> check_started = ParseDockerTime(log.back().value("Start", ""));
  if (!check_started || *check_started < *started) return std::nullopt;
  return log.back();
}

std::string DescribeCheck(const json& check) {
  return fmt::format("exit {}: {}", check.value("ExitCode", -1), check.value("Output", ""));
}

std::string LastLogLines(Stack& stack, const std::string& service) {
  const docker::Output logs = stack.Logs(service, {.tail = 20});
  return logs.out + logs.err;
}

// The newest health check's result, whichever run it belongs to ("" without one).
std::string LastCheckOutput(const json& inspect) {
  const json log = inspect.value(json::json_pointer("/State/Health/Log"), json::array());
  if (!log.is_array() || log.empty()) return "";
  return "; last health check: " + DescribeCheck(log.back());
}

[[noreturn]] void ThrowStopped(Stack& stack, const std::string& service,
                               const docker::ContainerInspect& inspect, const char* instead_of) {
  throw std::runtime_error(fmt::format("{} stopped ({}, exit code {}) {}{}; last log lines:\n{}",
                                       service, inspect.state.status, inspect.state.exit_code,
                                       instead_of, LastCheckOutput(inspect.raw),
                                       LastLogLines(stack, service)));
}

}  // namespace

Condition ServiceHealthy(Stack& stack, const std::string& service) {
  return [&stack, service](std::string& observed) {
    const docker::ContainerInspect inspect = stack.Inspect(service);
    if (!inspect.state.running) ThrowStopped(stack, service, inspect, "before becoming healthy");
    if (inspect.state.health.empty()) {
      throw std::logic_error("waiting for " + service + " to be healthy: it has no health check");
    }
    const std::optional<json> check = LastCheckOfThisRun(inspect.raw);
    if (!check) {
      observed =
          fmt::format("{} is {}, but no health check has run since it started at {}", service,
                      inspect.state.health, StringAt(inspect.raw, "/State/StartedAt"));
      return false;
    }
    const bool passed = check->value("ExitCode", -1) == 0;
    if (inspect.state.health == "unhealthy" && !passed) {
      throw std::runtime_error(
          fmt::format("{} is unhealthy (still running); last health check: {}; last log lines:\n{}",
                      service, DescribeCheck(*check), LastLogLines(stack, service)));
    }
    observed = fmt::format("{} is {}; last health check: {}", service, inspect.state.health,
                           DescribeCheck(*check));
    // A passing fresh check with a status still "healthy" from the last run
    // would be accepted either way; a failing one must not be.
    return inspect.state.health == "healthy" && passed;
  };
}

Condition ServiceRunning(Stack& stack, const std::string& service,
                         const std::string& previous_started_at) {
  return [&stack, service, previous_started_at](std::string& observed) {
    const docker::ContainerInspect inspect = stack.Inspect(service);
    const std::string started_at = StringAt(inspect.raw, "/State/StartedAt");
    const bool started_anew = previous_started_at.empty() || started_at != previous_started_at;
    observed = fmt::format("{} is {}, started at {}", service, inspect.state.status, started_at);
    if (started_anew && !inspect.state.running && inspect.state.status != "created") {
      ThrowStopped(stack, service, inspect, "right after it started");
    }
    return started_anew && inspect.state.running;
  };
}

}  // namespace e2e
