#pragma once
// Scripted answers and injected faults (POST /__stub/rules), evaluated before
// the echo brain, first match wins. A rule:
//   {"id": "optional", "match": {"provider", "path", "model", "body_contains",
//    "body_regex"}, "respond": {"status", "headers", "body" | "text" |
//    "tool_call" | "malformed_json", "delay_ms", "truncate_stream_after",
//    "close_connection"}, "times": N}
// Every match field is optional (none: every provider request matches);
// "times" absent means unlimited. See SPEC-model-stub.md.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_text.h"

namespace model_stub {

// A compiled body_regex: POSIX extended syntax (glibc, so \w \s \b work too),
// matched anywhere in the raw body. Not std::regex: its recursion can exhaust
// the stack on a large body, and the stub must not crash.
class BodyRegex;

struct RuleMatch {
  std::optional<std::string> provider;  // "anthropic", "openai", "gemini"
  std::optional<std::string> path;      // the exact path, without the query string
  std::optional<std::string> model;     // the exact model (body or Gemini URL)
  std::optional<std::string> body_contains;
  std::shared_ptr<const BodyRegex> body_regex;
};

struct RuleToolCall {
  std::string name;
  Json input;  // an object
};

struct RuleResponse {
  int status = 200;
  std::map<std::string, std::string> headers;
  std::optional<Json> body;                  // sent as is
  std::optional<std::string> text;           // rendered as the provider's assistant text
  std::optional<RuleToolCall> tool_call;     // rendered as the provider's tool call
  bool malformed_json = false;               // a body (or SSE data) that is not JSON
  int delay_ms = 0;                          // before anything is sent
  std::optional<int> truncate_stream_after;  // SSE events sent before the stream ends
  bool close_connection = false;             // drop the connection, send nothing
};

struct Rule {
  std::string id;
  RuleMatch match;
  RuleResponse respond;
  std::optional<std::int64_t> times;  // remaining; nullopt: unlimited
  std::int64_t matched = 0;
  Json definition;  // as posted, for GET /__stub/rules
};

// What a rule is matched against.
struct RequestFacts {
  std::string_view provider;
  std::string_view path;
  std::string_view model;
  std::string_view raw_body;
};

constexpr int kMaxDelayMs = 120'000;

// Parses one rule object or an array of them. On error, `error` names the bad
// field, e.g. "rules[1].respond.status: must be an integer from 200 to 599",
// and `rules` is empty.
struct ParsedRules {
  std::vector<Rule> rules;
  std::string error;
};
ParsedRules ParseRules(const Json& definition);

bool Matches(const RuleMatch& match, const RequestFacts& request);

// The rules of one stub instance. Thread-safe: matching and decrementing
// `times` happen under one lock, so N concurrent requests against times=K
// match exactly min(N, K) times.
class RuleBook {
 public:
  // Appends `rules` (after the existing ones), giving ids "rule-<n>" to those
  // without one. Returns their ids, or an error (a duplicate id) and adds none.
  struct Added {
    std::vector<std::string> ids;
    std::string error;
  };
  Added Add(std::vector<Rule> rules);

  // The first rule matching `request` with times left, its `times` consumed
  // by one; a copy, so the caller can use it without the lock.
  std::optional<Rule> Take(const RequestFacts& request);

  // {"rules": [{"id", "match", "respond", "times" (remaining, null when
  // unlimited), "matched"}]} in evaluation order; exhausted rules included.
  Json ToJson() const;

  void Clear();

 private:
  mutable std::mutex mutex_;
  std::vector<Rule> rules_;
  std::int64_t next_id_ = 1;
};

}  // namespace model_stub
