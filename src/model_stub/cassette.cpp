#include "cassette.h"

#include <fmt/format.h>

#include <array>

#include "ascii.h"

namespace model_stub {
namespace {

// Kept so a replayed answer looks the same to the client; request ids, dates
// and rate-limit counters are volatile and only make diffs noisy.
constexpr std::array<std::string_view, 2> kReplayedHeaders = {"content-type", "retry-after"};

bool IsEventStream(const HeaderList& headers) {
  for (const auto& [name, value] : headers) {
    if (name == "content-type") return StartsWithIgnoreCase(value, "text/event-stream");
  }
  return false;
}

Json ParsedOrText(const std::string& text) {
  Json parsed = ParseOrDiscarded(text);
  return parsed.is_discarded() ? Json(text) : parsed;
}

Json HeadersToKeep(const HeaderList& headers, const Secrets& secrets) {
  Json kept = Json::object();
  for (const std::string_view wanted : kReplayedHeaders) {
    for (const auto& [name, value] : headers) {
      if (name == wanted) kept[name] = secrets.Scrub(value);
    }
  }
  return kept;
}

std::string_view NextLine(std::string_view& text) {
  const auto newline = text.find('\n');
  std::string_view line = text.substr(0, newline);
  text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// "event: x" -> "x" (one optional space after the colon, as the SSE spec says).
std::string_view FieldValue(std::string_view line, std::string_view field) {
  std::string_view value = line.substr(field.size() + 1);
  if (value.starts_with(' ')) value.remove_prefix(1);
  return value;
}

std::string Require(const Json& object, std::string_view key, bool (Json::*is_type)() const,
                    std::string_view type, const std::string& where) {
  const Json& value = Field(object, key);
  if (!(value.*is_type)()) return fmt::format("{}.{}: must be {}", where, key, type);
  return "";
}

std::string ExchangeError(const Json& exchange, const std::string& where) {
  if (!exchange.is_object()) return where + ": must be a JSON object";
  const Json& request = Field(exchange, "request");
  const Json& response = Field(exchange, "response");
  if (!request.is_object()) return where + ".request: must be a JSON object";
  if (!response.is_object()) return where + ".response: must be a JSON object";
  for (const auto* key : {"provider", "path", "model"}) {
    auto error = Require(request, key, &Json::is_string, "a string", where + ".request");
    if (!error.empty()) return error;
  }
  if (auto error =
          Require(response, "status", &Json::is_number_integer, "an integer", where + ".response");
      !error.empty()) {
    return error;
  }
  const Json& events = Field(response, "events");
  if (!events.is_null() && !events.is_array()) return where + ".response.events: must be an array";
  return "";
}

}  // namespace

Json CassetteRequest(const JournalEntry& redacted) {
  Json query = Json::object();
  for (const auto& [name, value] : redacted.query) query[name] = value;
  return {{"provider", redacted.provider}, {"method", redacted.method}, {"path", redacted.path},
          {"query", std::move(query)},     {"model", redacted.model},   {"stream", redacted.stream},
          {"body", redacted.body}};
}

Json CassetteResponse(int status, const HeaderList& headers, const std::string& body,
                      const Secrets& secrets) {
  Json response = {{"status", status}, {"headers", HeadersToKeep(headers, secrets)}};
  if (!IsEventStream(headers)) {
    Json parsed = ParsedOrText(body);
    secrets.ScrubJson(parsed);
    response["body"] = std::move(parsed);
    return response;
  }
  Json events = Json::array();
  for (auto& event : ParseSseEvents(body)) {
    secrets.ScrubJson(event.data);
    events.push_back({{"event", event.event}, {"data", std::move(event.data)}});
  }
  response["events"] = std::move(events);
  return response;
}

std::vector<SseEvent> ParseSseEvents(std::string_view body) {
  std::vector<SseEvent> events;
  std::string event;
  std::string data;
  bool has_data = false;
  while (!body.empty()) {
    const std::string_view line = NextLine(body);
    if (line.empty()) {
      if (has_data) events.push_back({event, ParsedOrText(data)});
      event.clear();
      data.clear();
      has_data = false;
    } else if (line.starts_with("event:")) {
      event = FieldValue(line, "event");
    } else if (line.starts_with("data:")) {
      if (has_data) data += '\n';
      data += FieldValue(line, "data");
      has_data = true;
    }
  }
  if (has_data) events.push_back({event, ParsedOrText(data)});  // a stream cut off mid-event
  return events;
}

Reply ReplayedReply(const Json& response) {
  Reply reply;
  reply.status =
      Field(response, "status").is_number_integer() ? response["status"].get<int>() : 500;
  const Json& headers = Field(response, "headers");
  if (headers.is_object()) {
    for (const auto& [name, value] : headers.items()) {
      if (value.is_string()) reply.headers[name] = value.get<std::string>();
    }
  }
  const Json& events = Field(response, "events");
  if (events.is_array()) {
    reply.sse = true;
    for (const auto& event : events)
      reply.events.push_back({StringField(event, "event"), Field(event, "data")});
    return reply;
  }
  const Json& body = Field(response, "body");
  if (body.is_string()) {
    reply.raw = body.get<std::string>();
  } else {
    reply.body = body;
  }
  return reply;
}

std::string CassetteError(const Json& cassette) {
  if (!cassette.is_object()) return "cassette: must be a JSON object";
  const Json& version = Field(cassette, "version");
  if (!version.is_null() && version != kCassetteVersion) {
    return fmt::format("cassette.version: must be {} (got {})", kCassetteVersion, Dump(version));
  }
  const Json& exchanges = Field(cassette, "exchanges");
  if (!exchanges.is_array()) return "cassette.exchanges: must be an array";
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    auto error = ExchangeError(exchanges[i], fmt::format("exchanges[{}]", i));
    if (!error.empty()) return error;
  }
  return "";
}

}  // namespace model_stub
