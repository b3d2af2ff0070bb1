#include "e2e/model_stub_client.h"

#include <httplib.h>

#include <stdexcept>

namespace e2e {

ModelStubClient::ModelStubClient(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), timeout_(timeout) {}

std::string ModelStubClient::Call(const std::string& method, const std::string& path,
                                  const std::string& body, const ModelStubClient::Query& query) {
  httplib::Client client(base_url_);
  client.set_connection_timeout(timeout_);
  client.set_read_timeout(timeout_);
  client.set_write_timeout(timeout_);
  httplib::Params params(query.begin(), query.end());
  auto response = method == "GET" ? client.Get(path, params, httplib::Headers{})
                                  : client.Post(path, body, "application/json");
  if (!response) {
    throw std::runtime_error("model-stub " + method + " " + base_url_ + path + ": " +
                             httplib::to_string(response.error()));
  }
  if (response->status / 100 != 2) {
    throw std::runtime_error("model-stub " + method + " " + path + ": HTTP " +
                             std::to_string(response->status) + ": " + response->body);
  }
  return response->body;
}

nlohmann::json ModelStubClient::RawJournal() {
  return nlohmann::json::parse(Call("GET", "/__stub/requests"));
}

std::vector<StubRequest> ModelStubClient::Requests(const std::string& provider,
                                                   const std::string& path) {
  httplib::Params params;
  if (!provider.empty()) params.emplace("provider", provider);
  if (!path.empty()) params.emplace("path", path);
  const std::string query =
      params.empty() ? "" : "?" + httplib::detail::params_to_query_str(params);
  const auto journal = nlohmann::json::parse(Call("GET", "/__stub/requests" + query));
  std::vector<StubRequest> requests;
  for (const auto& item : journal.at("requests")) {
    requests.push_back({.seq = item.value("seq", int64_t{0}),
                        .method = item.value("method", ""),
                        .path = item.value("path", ""),
                        .provider = item.value("provider", ""),
                        .model = item.value("model", ""),
                        .stream = item.value("stream", false),
                        .body = item.value("body", nlohmann::json()),
                        .status = item.value("status", 0),
                        .slot_wait = std::chrono::milliseconds(item.value("slot_wait_ms", 0L))});
  }
  return requests;
}

void ModelStubClient::Reset() { Call("POST", "/__stub/reset"); }

void ModelStubClient::AddRule(const nlohmann::json& rule) {
  Call("POST", "/__stub/rules", rule.dump());
}

std::string ModelStubClient::CassetteText() { return Call("GET", "/__stub/cassette"); }

int ModelStubClient::LoadCassette(const std::string& cassette_text) {
  const auto answer = nlohmann::json::parse(Call("POST", "/__stub/cassette", cassette_text));
  return answer.value("exchanges", 0);
}

nlohmann::json ModelStubClient::ReplayMisses() {
  return nlohmann::json::parse(Call("GET", "/__stub/replay-misses"));
}

}  // namespace e2e
