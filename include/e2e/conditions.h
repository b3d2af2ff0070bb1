#pragma once
// Ready-made conditions (see wait.h) on the services of a Stack, in the
// spirit of testcontainers-go's wait strategies. Each poll asks the Engine
// API (or the service itself, over HTTP) once and describes what it saw, so a
// failed wait tells the state the service was in. Conditions that can see a
// wait is hopeless (the container exited) end it at once instead of letting
// it run into its deadline.
//
//   e2e::WaitFor("mcp-server to drain its queue",
//                e2e::HttpAnswers(stack, "mcp-server", 8000, "/healthz",
//                                 [](const e2e::HttpAnswer& answer) {
//                                   return answer.status == 200 &&
//                                          answer.Json().value("queue_depth", -1) == 0;
//                                 }));
//
// REQUIRES for all: the stack outlives the condition; `service` is one of its
// services and has a container (else the poll throws std::out_of_range).

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/wait.h"

namespace e2e {

class Stack;

// Docker's health status of `service` is "healthy", as found by a health
// check that ran after the container last started: a status left over from
// before a restart does not count. Ends the wait when a fresh check finds it
// unhealthy (naming that check's output) and when the container is not
// running (with its last log lines). Throws std::logic_error when polled for
// a container without a health check.
Condition ServiceHealthy(Stack& stack, const std::string& service);

// `service` runs, started at a time other than `previous_started_at` (its
// State.StartedAt before a restart; "" accepts any start).
Condition ServiceRunning(Stack& stack, const std::string& service,
                         const std::string& previous_started_at = "");

// A line of `service`'s output (stdout or stderr) contains `text`. Ends the
// wait when the container has stopped without writing one.
Condition LogLineSeen(Stack& stack, const std::string& service, const std::string& text);

// `cmd` exits with 0 in `service`; each attempt is bounded by
// `attempt_timeout` (an attempt that overruns counts as a failed one). A
// container that does not run ends the wait (docker::Conflict).
Condition ExecSucceeds(Stack& stack, const std::string& service, std::vector<std::string> cmd,
                       std::chrono::milliseconds attempt_timeout = std::chrono::seconds(10));

// What a service answered to GET.
struct HttpAnswer {
  int status = 0;
  std::string body;
  // The body parsed as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json Json() const;
};

// Decides whether an answer is the awaited one.
using HttpPredicate = std::function<bool(const HttpAnswer&)>;

// GET http://<service>:<port><path> on the stack network (the address from
// Stack::ServiceUrl, looked up on every poll: a restart may change it)
// answers within `request_timeout` and `accept` approves the answer; without
// `accept`, any 2xx status does. A refused or failed connection counts as
// "not yet".
Condition HttpAnswers(Stack& stack, const std::string& service, int port, const std::string& path,
                      HttpPredicate accept = {},
                      std::chrono::milliseconds request_timeout = std::chrono::seconds(2));

}  // namespace e2e
