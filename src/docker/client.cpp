// Client construction, version negotiation and the request helpers every endpoint uses.
#include "docker/client.h"

#include <charconv>
#include <cstdlib>

#include "transport.h"

namespace docker {
namespace {

// "1.41" -> {1, 41}; anything unparsable sorts lowest.
std::pair<int, int> ParseVersion(std::string_view version) {
  int major = 0, minor = 0;
  auto dot = version.find('.');
  if (dot == std::string_view::npos) return {0, 0};
  std::from_chars(version.data(), version.data() + dot, major);
  std::from_chars(version.data() + dot + 1, version.data() + version.size(), minor);
  return {major, minor};
}

}  // namespace

Client::Client(ClientOptions options) : options_(std::move(options)) {
  transport_ = std::make_unique<Transport>(ParseEndpoint(options_.host), options_.connect_timeout);
}

Client::~Client() = default;

const std::string& Client::host() const { return transport_->endpoint().host; }

Transport& Client::transport() { return *transport_; }

std::string Client::ApiVersion() {
  std::call_once(negotiated_, [this] {
    std::string forced = options_.api_version;
    if (forced.empty()) {
      const char* env = std::getenv("DOCKER_API_VERSION");
      if (env != nullptr) forced = env;
    }
    if (!forced.empty()) {
      api_version_ = forced;
      return;
    }
    HttpResponse pong = transport_->Send(
        {.method = "GET", .path = "/_ping", .timeout = options_.connect_timeout * 2});
    if (pong.status != 200) ThrowForStatus("GET", "/_ping", pong.status, pong.body);
    const std::string server = pong.headers.count("api-version") ? pong.headers["api-version"] : "";
    api_version_ = (!server.empty() && ParseVersion(server) < ParseVersion(kMaxApiVersion))
                       ? server
                       : kMaxApiVersion;
  });
  return api_version_;
}

HttpResponse Client::Send(HttpRequest request, std::initializer_list<int> ok) {
  request.path = "/v" + ApiVersion() + request.path;
  if (request.timeout.count() <= 0) request.timeout = options_.default_timeout;
  HttpResponse response = transport_->Send(request);
  for (int status : ok) {
    if (response.status == status) return response;
  }
  ThrowForStatus(request.method, request.path, response.status, response.body);
}

nlohmann::json Client::SendJson(HttpRequest request, std::initializer_list<int> ok) {
  const std::string method = request.method;
  const std::string path = "/v" + ApiVersion() + request.path;
  HttpResponse response = Send(std::move(request), ok);
  auto json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    throw ServerError(method, path, response.status,
                      "the daemon's answer is not JSON: " + response.body.substr(0, 200));
  }
  return json;
}

bool Client::ApiAtLeast(std::string_view version) {
  return ParseVersion(ApiVersion()) >= ParseVersion(version);
}

}  // namespace docker
