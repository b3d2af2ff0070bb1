#pragma once
// One place that keeps secrets out of everything the harness writes or
// prints: inspect JSON, container logs, the stub's journal, Claude Code
// transcripts and the resolved stack spec.
//
// Two rules, applied together:
//  * by name: the value of a variable or JSON member named like a credential
//    (IsSecretName: *_KEY, *_TOKEN, *_SECRET, *PASSWORD*, ...) or of an
//    Authorization-like header (IsSecretHeader) becomes "***"; the name stays.
//  * by value: free text (a container's log, a transcript) has no names, so
//    every value known to be secret is replaced wherever it occurs. A
//    Redactor learns those values from the stack's environment.
//
//   const e2e::Redactor redactor = e2e::Redactor::ForStack(stack.spec());
//   out << redactor.Json(inspect).dump(2) << redactor.Text(logs);

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace e2e {

struct StackSpec;

// What replaces a secret.
inline constexpr std::string_view kRedacted = "***";

// True for names of variables and JSON members that hold credentials, any
// case, words separated by '_', '-' or '.': a KEY, TOKEN or SECRET word that
// is not the first (OPENAI_API_KEY, STUB_UPSTREAM_KEY_OPENAI, x-auth-token,
// client_secret), an APIKEY word (apiKey), or PASSWORD / PASSWD / CREDENTIAL
// anywhere. Not a lone "key" (a memory key in a tool input), "token_count",
// nor plurals (max_tokens).
bool IsSecretName(std::string_view name);

// True for Authorization-like header names, any case: authorization,
// proxy-authorization, x-api-key, x-goog-api-key, api-key, cookie,
// set-cookie, and every IsSecretName.
bool IsSecretHeader(std::string_view name);

class Redactor {
 public:
  // Values shorter than this are not replaced by value (they would shred
  // ordinary text); they are still hidden by name.
  static constexpr std::size_t kShortestSecret = 6;

  Redactor() = default;

  // A redactor that knows the secret values of `spec` (every service's
  // environment, by IsSecretName) and of this process's environment.
  static Redactor ForStack(const StackSpec& spec);

  // Remembers `value` as secret ("Bearer x" also remembers "x").
  void AddSecret(std::string_view value);
  // Remembers the values of the secret-named variables of `environment`.
  void AddEnvironment(const std::map<std::string, std::string>& environment);
  // The same for "NAME=value" entries (an inspect's Config.Env, environ).
  void AddEnvironment(const std::vector<std::string>& entries);

  // `text` with every known secret value replaced.
  std::string Text(std::string text) const;
  // "NAME=value" with the value hidden when NAME is secret, else Text().
  std::string EnvEntry(const std::string& entry) const;
  // `environment` with secret-named values hidden and the others Text()-ed.
  std::map<std::string, std::string> Environment(
      std::map<std::string, std::string> environment) const;
  // `headers` with IsSecretHeader values hidden and the others Text()-ed.
  std::map<std::string, std::string> Headers(std::map<std::string, std::string> headers) const;
  // `document` with every member named by IsSecretHeader (a string or number)
  // hidden, every "NAME=value" string treated as EnvEntry, every other string Text()-ed.
  nlohmann::json Json(nlohmann::json document) const;

 private:
  std::vector<std::string> values_;  // longest first: a secret containing another goes whole
};

}  // namespace e2e
