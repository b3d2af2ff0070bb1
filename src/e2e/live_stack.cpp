#include "e2e/live_stack.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

namespace e2e {
namespace {

std::string EnvOrEmpty(const EnvReader& env, const char* name) { return env(name).value_or(""); }

std::string FileNameOf(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  }
  return name;
}

std::string CompactJson(const nlohmann::json& value) {
  return value.is_null() ? "null"
                         : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string RequestSummary(const nlohmann::json& request) {
  return fmt::format("{} {} model {}", request.value("provider", "?"), request.value("path", "?"),
                     request.value("model", "?"));
}

}  // namespace

StubAnswers ChooseStubAnswers(const LiveSettings& settings, bool cassette_exists) {
  if (settings.live) return StubAnswers::kRealProviders;
  if (settings.replay && cassette_exists) return StubAnswers::kCassette;
  return StubAnswers::kEchoBrain;
}

std::map<std::string, std::string> LiveStackVariables(StubAnswers answers, const EnvReader& env) {
  const bool live = answers == StubAnswers::kRealProviders;
  std::map<std::string, std::string> variables = {
      {"E2E_STUB_MODE", live                                ? "passthrough"
                        : answers == StubAnswers::kCassette ? "replay"
                                                            : "echo"},
      {"E2E_EGRESS_INTERNAL", live ? "false" : "true"},
      {"E2E_STUB_KEY_ANTHROPIC", live ? EnvOrEmpty(env, "ANTHROPIC_API_KEY") : ""},
      {"E2E_STUB_KEY_OPENAI", live ? EnvOrEmpty(env, "OPENAI_API_KEY") : ""},
      {"E2E_STUB_KEY_GEMINI", live ? EnvOrEmpty(env, "GEMINI_API_KEY") : ""},
      {"E2E_STUB_TOKEN_VERTEX", live ? EnvOrEmpty(env, "VERTEX_ACCESS_TOKEN") : ""},
      // The stub holds one of E2E_LIVE_CONCURRENCY machine-wide slots per
      // real provider call (src/support/live_semaphore.h); none offline.
      {"E2E_STUB_LIVE_CONCURRENCY",
       live ? std::to_string(ReadLiveSettings(env).concurrency) : std::string("0")},
  };
  // Vertex instead of AI Studio: the server builds Vertex paths, still to the stub.
  const bool vertex = live && EnvOrEmpty(env, "GEMINI_API_KEY").empty() &&
                      !EnvOrEmpty(env, "VERTEX_PROJECT").empty() &&
                      !EnvOrEmpty(env, "VERTEX_LOCATION").empty();
  if (vertex) {
    variables["E2E_VERTEX_PROJECT"] = EnvOrEmpty(env, "VERTEX_PROJECT");
    variables["E2E_VERTEX_LOCATION"] = EnvOrEmpty(env, "VERTEX_LOCATION");
    variables["E2E_GEMINI_BASE_URL"] = "http://model-stub:8080/v1";
  }
  return variables;
}

std::string MissingCredentials(const std::vector<LiveProvider>& providers, const EnvReader& env) {
  for (const LiveProvider provider : providers) {
    if (auto missing = MissingCredentials(provider, env); !missing.empty()) return missing;
  }
  return "";
}

std::string CassettesDir() {
  if (const char* dir = std::getenv("E2E_CASSETTES_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  if (const char* fixtures = std::getenv("E2E_FIXTURES_DIR"); fixtures != nullptr && *fixtures) {
    return std::string(fixtures) + "/cassettes";
  }
  return E2E_SOURCE_DIR "/fixtures/cassettes";
}

std::string CassettePath(const std::string& suite, const std::string& test) {
  return CassettesDir() + "/" + FileNameOf(suite) + "/" + FileNameOf(test) + ".json";
}

std::string DescribeReplayMisses(const nlohmann::json& misses) {
  const nlohmann::json list = misses.value("misses", nlohmann::json::array());
  if (!list.is_array() || list.empty()) return "";
  std::string text = fmt::format(
      "replay: {} request(s) matched no recorded exchange (re-record with E2E_LIVE=1 "
      "E2E_RECORD=1, or run with E2E_REPLAY=0 for the echo brain)",
      list.size());
  for (const auto& miss : list) {
    text += fmt::format("\n  request seq {}: {}", CompactJson(miss.value("seq", nlohmann::json())),
                        RequestSummary(miss.value("request", nlohmann::json::object())));
    const nlohmann::json nearest = miss.value("nearest", nlohmann::json());
    const nlohmann::json difference = miss.value("difference", nlohmann::json());
    if (!nearest.is_object() || !difference.is_object()) {
      text += fmt::format("\n    no nearest recorded request: {}", miss.value("reason", "none"));
      continue;
    }
    text += fmt::format("\n    nearest recorded request: exchange {} ({})",
                        CompactJson(nearest.value("index", nlohmann::json())),
                        RequestSummary(nearest.value("request", nlohmann::json::object())));
    text += fmt::format("\n    first difference at {} ({} operation(s) apart)",
                        difference.value("pointer", "?"),
                        CompactJson(difference.value("distance", nlohmann::json())));
    text += fmt::format("\n      recorded: {}",
                        CompactJson(difference.value("recorded", nlohmann::json())));
    text += fmt::format("\n      received: {}",
                        CompactJson(difference.value("received", nlohmann::json())));
  }
  return text;
}

}  // namespace e2e
