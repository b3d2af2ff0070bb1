#include "rules.h"

#include <fmt/format.h>
#include <regex.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace model_stub {

class BodyRegex {
 public:
  // Compiles `pattern`; `error` is set (and the regex unusable) when invalid.
  explicit BodyRegex(const std::string& pattern) {
    const int code = regcomp(&regex_, pattern.c_str(), REG_EXTENDED | REG_NOSUB);
    if (code != 0) {
      std::array<char, 256> message{};
      regerror(code, &regex_, message.data(), message.size());
      error_ = message.data();
      return;
    }
    compiled_ = true;
  }
  ~BodyRegex() {
    if (compiled_) regfree(&regex_);
  }
  BodyRegex(const BodyRegex&) = delete;
  BodyRegex& operator=(const BodyRegex&) = delete;

  const std::string& error() const { return error_; }

  // glibc's regexec is thread-safe on one compiled regex; REG_STARTEND lets
  // the body hold NUL bytes.
  bool Search(std::string_view text) const {
    if (!compiled_) return false;
    std::array<regmatch_t, 1> range{};
    range[0].rm_so = 0;
    range[0].rm_eo = static_cast<regoff_t>(text.size());
    const std::string owned(text);  // regexec reads one byte past rm_eo at most
    return regexec(&regex_, owned.c_str(), 1, range.data(), REG_STARTEND) == 0;
  }

 private:
  regex_t regex_{};
  bool compiled_ = false;
  std::string error_;
};

namespace {

constexpr std::array<std::string_view, 3> kProviders = {"anthropic", "openai", "gemini"};
constexpr std::array<std::string_view, 4> kRuleFields = {"id", "match", "respond", "times"};
constexpr std::array<std::string_view, 5> kMatchFields = {"provider", "path", "model",
                                                          "body_contains", "body_regex"};
constexpr std::array<std::string_view, 9> kRespondFields = {
    "status",   "headers",          "body",
    "text",     "tool_call",        "malformed_json",
    "delay_ms", "close_connection", "truncate_stream_after"};

// Thrown inside the parser, caught by ParseRules: a field path and what is
// wrong with it.
struct BadField {
  std::string message;
};

template <std::size_t N>
void RejectUnknown(const Json& object, const std::array<std::string_view, N>& known,
                   const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw BadField{
          fmt::format("{}.{}: unknown field (known: {})", where, key, fmt::join(known, ", "))};
    }
  }
}

void RequireObject(const Json& value, const std::string& where) {
  if (!value.is_object()) throw BadField{where + ": must be a JSON object"};
}

std::optional<std::string> OptionalString(const Json& object, std::string_view key,
                                          const std::string& where, bool allow_empty = false) {
  const Json& value = Field(object, key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_string() || (!allow_empty && value.get_ref<const std::string&>().empty())) {
    throw BadField{fmt::format("{}.{}: must be a non-empty string", where, key)};
  }
  return value.get<std::string>();
}

bool OptionalBool(const Json& object, std::string_view key, const std::string& where) {
  const Json& value = Field(object, key);
  if (value.is_null()) return false;
  if (!value.is_boolean()) throw BadField{fmt::format("{}.{}: must be true or false", where, key)};
  return value.get<bool>();
}

std::optional<std::int64_t> OptionalInt(const Json& object, std::string_view key,
                                        const std::string& where, std::int64_t low,
                                        std::int64_t high) {
  const Json& value = Field(object, key);
  if (value.is_null()) return std::nullopt;
  // Range first: casting an out-of-range double is undefined behaviour.
  const double number = value.is_number() ? value.get<double>() : 0.5;
  if (!(number >= static_cast<double>(low) && number <= static_cast<double>(high)) ||
      number != std::floor(number)) {
    throw BadField{fmt::format("{}.{}: must be an integer from {} to {}", where, key, low, high)};
  }
  return static_cast<std::int64_t>(number);
}

RuleMatch ParseMatch(const Json& match, const std::string& where) {
  RuleMatch parsed;
  if (match.is_null()) return parsed;
  RequireObject(match, where);
  RejectUnknown(match, kMatchFields, where);
  parsed.provider = OptionalString(match, "provider", where);
  if (parsed.provider &&
      std::find(kProviders.begin(), kProviders.end(), *parsed.provider) == kProviders.end()) {
    throw BadField{fmt::format("{}.provider: must be one of anthropic, openai, gemini (got \"{}\")",
                               where, *parsed.provider)};
  }
  parsed.path = OptionalString(match, "path", where);
  if (parsed.path && !parsed.path->starts_with("/")) {
    throw BadField{where + ".path: must start with /"};
  }
  parsed.model = OptionalString(match, "model", where);
  parsed.body_contains = OptionalString(match, "body_contains", where);
  if (auto pattern = OptionalString(match, "body_regex", where)) {
    auto regex = std::make_shared<const BodyRegex>(*pattern);
    if (!regex->error().empty()) {
      throw BadField{fmt::format("{}.body_regex: not a valid POSIX extended regular expression: {}",
                                 where, regex->error())};
    }
    parsed.body_regex = std::move(regex);
  }
  return parsed;
}

RuleToolCall ParseToolCall(const Json& tool_call, const std::string& where) {
  RequireObject(tool_call, where);
  RejectUnknown(tool_call, std::array<std::string_view, 2>{"name", "input"}, where);
  RuleToolCall parsed;
  parsed.name = OptionalString(tool_call, "name", where).value_or("");
  if (parsed.name.empty()) throw BadField{where + ".name: must be a non-empty string"};
  parsed.input = Field(tool_call, "input");
  if (parsed.input.is_null()) parsed.input = Json::object();
  if (!parsed.input.is_object()) throw BadField{where + ".input: must be a JSON object"};
  return parsed;
}

RuleResponse ParseRespond(const Json& respond, const std::string& where) {
  RequireObject(respond, where);
  RejectUnknown(respond, kRespondFields, where);
  RuleResponse parsed;
  parsed.status = static_cast<int>(OptionalInt(respond, "status", where, 200, 599).value_or(200));
  const Json& headers = Field(respond, "headers");
  if (!headers.is_null()) {
    RequireObject(headers, where + ".headers");
    for (const auto& [name, value] : headers.items()) {
      if (!value.is_string()) {
        throw BadField{fmt::format("{}.headers.{}: must be a string", where, name)};
      }
      parsed.headers[name] = value.get<std::string>();
    }
  }
  if (respond.contains("body")) parsed.body = respond["body"];
  parsed.text = OptionalString(respond, "text", where, /*allow_empty=*/true);
  if (respond.contains("tool_call")) {
    parsed.tool_call = ParseToolCall(respond["tool_call"], where + ".tool_call");
  }
  parsed.malformed_json = OptionalBool(respond, "malformed_json", where);
  const int payloads =
      static_cast<int>(parsed.body.has_value()) + static_cast<int>(parsed.text.has_value()) +
      static_cast<int>(parsed.tool_call.has_value()) + static_cast<int>(parsed.malformed_json);
  if (payloads > 1) {
    throw BadField{where + ": give at most one of body, text, tool_call, malformed_json"};
  }
  parsed.delay_ms =
      static_cast<int>(OptionalInt(respond, "delay_ms", where, 0, kMaxDelayMs).value_or(0));
  if (auto after = OptionalInt(respond, "truncate_stream_after", where, 0, 1'000'000)) {
    parsed.truncate_stream_after = static_cast<int>(*after);
  }
  parsed.close_connection = OptionalBool(respond, "close_connection", where);
  return parsed;
}

Rule ParseRule(const Json& definition, const std::string& where) {
  RequireObject(definition, where);
  RejectUnknown(definition, kRuleFields, where);
  if (!definition.contains("respond")) throw BadField{where + ".respond: required"};
  Rule rule;
  rule.id = OptionalString(definition, "id", where).value_or("");
  rule.match = ParseMatch(Field(definition, "match"), where + ".match");
  rule.respond = ParseRespond(Field(definition, "respond"), where + ".respond");
  rule.times = OptionalInt(definition, "times", where, 1, 1'000'000'000);
  rule.definition = definition;
  return rule;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

Json RuleJson(const Rule& rule) {
  Json json = {{"id", rule.id},
               {"match", Field(rule.definition, "match").is_null() ? Json::object()
                                                                   : rule.definition["match"]},
               {"respond", Field(rule.definition, "respond")},
               {"times", rule.times ? Json(*rule.times) : Json()},
               {"matched", rule.matched}};
  return json;
}

}  // namespace

ParsedRules ParseRules(const Json& definition) {
  ParsedRules parsed;
  try {
    if (definition.is_array()) {
      if (definition.empty()) return {{}, "rules: the array is empty"};
      for (std::size_t i = 0; i < definition.size(); ++i) {
        parsed.rules.push_back(ParseRule(definition[i], fmt::format("rules[{}]", i)));
      }
    } else {
      parsed.rules.push_back(ParseRule(definition, "rule"));
    }
  } catch (const BadField& bad) {
    return {{}, bad.message};
  }
  return parsed;
}

bool Matches(const RuleMatch& match, const RequestFacts& request) {
  return (!match.provider || *match.provider == request.provider) &&
         (!match.path || *match.path == request.path) &&
         (!match.model || *match.model == request.model) &&
         (!match.body_contains || Contains(request.raw_body, *match.body_contains)) &&
         (!match.body_regex || match.body_regex->Search(request.raw_body));
}

RuleBook::Added RuleBook::Add(std::vector<Rule> rules) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  auto taken = [&](const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end() ||
           std::any_of(rules_.begin(), rules_.end(),
                       [&](const Rule& existing) { return existing.id == id; });
  };
  std::int64_t next_id = next_id_;
  for (auto& rule : rules) {
    if (rule.id.empty()) {
      do {
        rule.id = fmt::format("rule-{}", next_id++);
      } while (taken(rule.id));
    } else if (taken(rule.id)) {
      return {{}, fmt::format("id: a rule with id \"{}\" already exists", rule.id)};
    }
    ids.push_back(rule.id);
  }
  next_id_ = next_id;
  for (auto& rule : rules) rules_.push_back(std::move(rule));
  return {std::move(ids), ""};
}

std::optional<Rule> RuleBook::Take(const RequestFacts& request) {
  std::lock_guard lock(mutex_);
  for (auto& rule : rules_) {
    if (rule.times && *rule.times <= 0) continue;
    if (!Matches(rule.match, request)) continue;
    if (rule.times) --*rule.times;
    ++rule.matched;
    return rule;
  }
  return std::nullopt;
}

Json RuleBook::ToJson() const {
  Json rules = Json::array();
  std::lock_guard lock(mutex_);
  for (const auto& rule : rules_) rules.push_back(RuleJson(rule));
  return {{"rules", std::move(rules)}};
}

void RuleBook::Clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
  next_id_ = 1;
}

}  // namespace model_stub
