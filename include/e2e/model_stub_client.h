#pragma once
// Talks to a stack's model-stub over its admin API: the request journal
// (what reached "the model"), reset and scripted rules.

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace e2e {

// One request the stub received, as its journal records it.
struct StubRequest {
  int64_t seq = 0;
  std::string method;
  std::string path;
  std::string provider;  // anthropic, openai, gemini
  std::string model;
  bool stream = false;
  nlohmann::json body;
  int status = 0;
  // Live mode: how long the stub waited for a machine-wide slot before
  // forwarding (E2E_LIVE_CONCURRENCY).
  std::chrono::milliseconds slot_wait{0};
};

class ModelStubClient {
 public:
  // `base_url` is "http://host:port" of the stub.
  explicit ModelStubClient(std::string base_url,
                           std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // The journal, optionally only one provider's and/or one path's requests.
  std::vector<StubRequest> Requests(const std::string& provider = "", const std::string& path = "");
  // The journal exactly as the stub returns it (for artifacts).
  nlohmann::json RawJournal();
  // Forgets the journal and all rules.
  void Reset();
  // Adds a rule (see SPEC-model-stub.md, "Scripting and fault injection").
  void AddRule(const nlohmann::json& rule);

  // Live mode (docs/model-stub.md). The exchanges recorded in pass-through
  // mode, as the stub serves them (redacted, indented, stable order).
  std::string CassetteText();
  // Loads a cassette for replay; returns how many exchanges it holds.
  // Throws std::runtime_error with the stub's reason when it is refused.
  int LoadCassette(const std::string& cassette_text);
  // {"misses": [...]}: the requests replay could not answer.
  nlohmann::json ReplayMisses();

 private:
  using Query = std::multimap<std::string, std::string>;
  std::string Call(const std::string& method, const std::string& path, const std::string& body = "",
                   const Query& query = {});

  std::string base_url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace e2e
