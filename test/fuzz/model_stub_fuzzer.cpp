// Fuzzes the model stub's request parsers: directive parsing, marker
// extraction, every provider's JSON request -> response functions (streamed
// and not), rule parsing and matching, and journal redaction. Beyond "no
// crash, no UB", it checks:
//  * every reply renders (JSON dump, SSE framing) without throwing;
//  * a credential header value never survives redaction;
//  * replay's normalisation is idempotent (both sides of a comparison are
//    normalised; a normalised text must normalise to itself).
// The first input byte picks what the rest is fed to, so one corpus covers all.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cassette.h"
#include "directives.h"
#include "endpoints.h"
#include "journal.h"
#include "markers.h"
#include "normalise.h"
#include "rule_reply.h"
#include "rules.h"

namespace {

using model_stub::Api;
using model_stub::Json;

constexpr Api kApis[] = {Api::kNone, Api::kMessages,   Api::kCountTokens,    Api::kResponses,
                         Api::kChat, Api::kEmbeddings, Api::kGenerateContent};

void Render(const model_stub::Reply& reply) {
  std::string bytes = reply.raw ? *reply.raw : model_stub::Dump(reply.body);
  for (const auto& event : reply.events) bytes += model_stub::FormatSse(event);
  if (reply.status < 200 || reply.status > 599) std::abort();
}

model_stub::Call CallFor(Api api, const Json& body, std::uint8_t flags) {
  model_stub::Call call;
  call.api = api;
  call.provider = api == Api::kMessages || api == Api::kCountTokens
                      ? model_stub::Provider::kAnthropic
                  : api == Api::kGenerateContent ? model_stub::Provider::kGemini
                                                 : model_stub::Provider::kOpenAi;
  call.model = model_stub::StringField(body, "model");
  call.stream = (flags & 1U) != 0;
  call.sse = (flags & 2U) != 0;
  return call;
}

void FuzzProviders(std::string_view data, std::uint8_t flags) {
  const Json body = model_stub::ParseOrDiscarded(data);
  if (body.is_discarded()) return;
  (void)model_stub::CollectMarkers(body);
  for (const Api api : kApis) {
    const auto call = CallFor(api, body, flags);
    Render(model_stub::EchoReply(call, body));
    if (auto reply = model_stub::TurnReply(call, body, {std::nullopt, "text"})) Render(*reply);
    const model_stub::ToolCall tool{"id", "tool", Json::object()};
    if (auto reply = model_stub::TurnReply(call, body, {tool, ""})) Render(*reply);
  }
}

// Rules are parsed from the JSON; the part after the first NUL is the request
// body they are matched against and answer.
void FuzzRules(std::string_view data, std::uint8_t flags) {
  const auto split = data.find('\0');
  const std::string_view definition = data.substr(0, split);
  const std::string_view request =
      split == std::string_view::npos ? std::string_view() : data.substr(split + 1);
  const Json parsed_definition = model_stub::ParseOrDiscarded(definition);
  if (parsed_definition.is_discarded()) return;
  auto parsed = model_stub::ParseRules(parsed_definition);
  if (parsed.error.empty() == parsed.rules.empty()) std::abort();  // exactly one of them
  model_stub::RuleBook book;
  if (!book.Add(std::move(parsed.rules)).error.empty()) return;
  (void)model_stub::Dump(book.ToJson());
  const Json body = model_stub::ParseOrDiscarded(request);
  for (const Api api : kApis) {
    const auto call = CallFor(api, body, flags);
    const auto rule = book.Take({"openai", "/v1/responses", call.model, request});
    if (rule) Render(model_stub::RuleReply(*rule, call, body));
  }
}

// Secrets the property can be checked for: alphanumeric (so no escaping nor
// the "***" that replaces them can form them), not part of "REDACTED", and not
// something a JSON number prints as (numbers are not text, so not scrubbed).
bool IsPlainSecret(std::string_view secret) {
  if (secret.size() < 4 || std::string_view("REDACTED").find(secret) != std::string_view::npos) {
    return false;
  }
  bool has_letter = false;
  for (const char c : secret) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!digit && !letter) return false;
    has_letter = has_letter || (letter && c != 'e' && c != 'E');
  }
  return has_letter;
}

// Parts separated by '\n': an x-api-key value, a `key` query value, then the
// body (JSON or raw text).
void FuzzRedaction(std::string_view data) {
  const auto first = data.find('\n');
  const auto second = first == std::string_view::npos ? first : data.find('\n', first + 1);
  const std::string_view api_key = data.substr(0, first);
  const std::string_view query_key = first == std::string_view::npos
                                         ? std::string_view()
                                         : data.substr(first + 1, second - first - 1);
  const std::string_view rest =
      second == std::string_view::npos ? std::string_view() : data.substr(second + 1);

  model_stub::JournalEntry entry;
  entry.path = "/v1/messages";
  entry.headers["x-api-key"] = std::string(api_key);
  entry.headers["authorization"] = "Bearer " + std::string(query_key);
  entry.query["key"] = std::string(query_key);
  const Json body = model_stub::ParseOrDiscarded(rest);
  entry.body = body.is_discarded() ? Json(std::string(rest)) : body;

  model_stub::Journal journal(4, 1024);
  journal.Begin(entry);
  // Only what came from the client is checked: a secret may equal part of a
  // header name the journal itself writes ("authoriza").
  const Json stored = journal.ToJson({})["requests"][0];
  std::string client_text = model_stub::Dump(stored["body"]) + model_stub::Dump(stored["path"]);
  for (const auto& [name, value] : stored["headers"].items())
    client_text += model_stub::Dump(value);
  for (const auto& [name, value] : stored["query"].items()) client_text += model_stub::Dump(value);
  for (const std::string_view secret : {api_key, query_key}) {
    if (IsPlainSecret(secret) && client_text.find(secret) != std::string::npos) std::abort();
  }
}

// The cassette's parsers: SSE splitting of a recorded stream, normalisation.
void FuzzReplay(std::string_view data) {
  for (const auto& event : model_stub::ParseSseEvents(data)) (void)model_stub::FormatSse(event);
  const std::string once = model_stub::NormaliseText(data);
  if (model_stub::NormaliseText(once) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = bytes[0];
  const std::string_view data(reinterpret_cast<const char*>(bytes + 1), size - 1);
  switch (selector % 6) {
    case 0:
      (void)model_stub::ParseDirectives(data);
      break;
    case 1:
      (void)model_stub::FindMarkers(data);
      break;
    case 2:
      FuzzProviders(data, static_cast<std::uint8_t>(selector >> 3U));
      break;
    case 3:
      FuzzRules(data, static_cast<std::uint8_t>(selector >> 3U));
      break;
    case 5:
      FuzzReplay(data);
      break;
    default:
      FuzzRedaction(data);
      break;
  }
  return 0;
}
