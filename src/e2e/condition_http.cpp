// HttpAnswers: a service's answer to GET on the stack network.
#include <fmt/format.h>
#include <httplib.h>

#include <memory>
#include <stdexcept>

#include "e2e/conditions.h"
#include "e2e/stack.h"

namespace e2e {
namespace {

std::string Shortened(const std::string& text, size_t limit = 500) {
  return text.size() > limit ? text.substr(0, limit) + "..." : text;
}

}  // namespace

nlohmann::json HttpAnswer::Json() const {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    throw std::runtime_error(
        fmt::format("HTTP {} answer is not JSON: {}", status, Shortened(body)));
  }
  return parsed;
}

Condition HttpAnswers(Stack& stack, const std::string& service, int port, const std::string& path,
                      HttpPredicate accept, std::chrono::milliseconds request_timeout) {
  if (!accept) accept = [](const HttpAnswer& answer) { return answer.status / 100 == 2; };
  // The address is looked up once, not at every poll (a health wait would
  // otherwise inspect twice per poll), and again from the inspect that
  // follows a failed request: a restart may have moved the container.
  auto base_url = std::make_shared<std::string>();
  return [&stack, service, port, path, accept, request_timeout, base_url](std::string& observed) {
    if (base_url->empty()) *base_url = stack.ServiceUrl(service, port);
    httplib::Client client(*base_url);
    client.set_connection_timeout(request_timeout);
    client.set_read_timeout(request_timeout);
    const httplib::Result result = client.Get(path);
    if (!result) {
      observed = fmt::format("GET {}{}: {}", *base_url, path, httplib::to_string(result.error()));
      // Refused while it starts is normal; refused because it stopped is final.
      const docker::ContainerInspect inspect = stack.Inspect(service);
      if (!inspect.state.running) {
        throw std::runtime_error(fmt::format("{} is not running ({}, exit code {}); {}", service,
                                             inspect.state.status, inspect.state.exit_code,
                                             observed));
      }
      *base_url = stack.ServiceUrl(inspect, port);
      return false;
    }
    const HttpAnswer answer{.status = result->status, .body = result->body};
    observed =
        fmt::format("GET {}{}: HTTP {} {}", *base_url, path, answer.status, Shortened(answer.body));
    return accept(answer);
  };
}

}  // namespace e2e
