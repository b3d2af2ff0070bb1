#include "rule_reply.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>

#include "ascii.h"
#include "ids.h"

namespace model_stub {
namespace {

// Cut off mid-object, so every JSON parser rejects it.
constexpr std::string_view kMalformedJson = R"({"id": "malformed", "content": [{"type": )";

std::string_view DefaultErrorMessage(Provider provider, int status) {
  switch (status) {
    case 429:
      return "Rate limit exceeded";
    case 500:
      return "Internal server error";
    case 503:
      return "Service unavailable";
    case 529:
      return provider == Provider::kAnthropic ? "Overloaded" : "Service overloaded";
    default:
      return status >= 500 ? "Server error" : "Request rejected";
  }
}

Reply Malformed(const Call& call) {
  Reply reply;
  if (!call.stream || (call.api == Api::kGenerateContent && !call.sse)) {
    reply.raw = std::string(kMalformedJson);
    return reply;
  }
  const std::string event = call.api == Api::kMessages    ? "message_start"
                            : call.api == Api::kResponses ? "response.created"
                                                          : "";
  reply.sse = true;
  reply.events.push_back({event, Json(std::string(kMalformedJson))});
  return reply;
}

// The tool call's id in the provider's style (Anthropic "toolu_..."; the
// OpenAI renderers add their own "fc_" / "call_" prefixes).
ToolCall ScriptedCall(const Rule& rule, const Call& call, const Json& body) {
  const std::string prefix = call.api == Api::kMessages ? "toolu_" : "";
  return {StableId(prefix, rule.id + ":" + Dump(body)), rule.respond.tool_call->name,
          rule.respond.tool_call->input};
}

Reply Unrenderable(const Rule& rule, const Call& call, std::string_view what) {
  return {500,
          ErrorBody(call.provider, 500,
                    fmt::format("model-stub rule {}: a {} cannot be sent on this endpoint", rule.id,
                                what)),
          {},
          false,
          std::nullopt,
          {}};
}

bool HasHeader(const std::map<std::string, std::string>& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return EqualsIgnoreCase(header.first, name); });
}

}  // namespace

Reply RuleReply(const Rule& rule, const Call& call, const Json& body) {
  const RuleResponse& respond = rule.respond;
  Reply reply;
  bool scripted = true;
  if (respond.malformed_json) {
    reply = Malformed(call);
  } else if (respond.body) {
    reply.body = *respond.body;
  } else if (respond.text) {
    auto turn = TurnReply(call, body, {std::nullopt, *respond.text});
    if (!turn) return Unrenderable(rule, call, "text");
    reply = std::move(*turn);
  } else if (respond.tool_call) {
    auto turn = TurnReply(call, body, {ScriptedCall(rule, call, body), ""});
    if (!turn) return Unrenderable(rule, call, "tool_call");
    reply = std::move(*turn);
  } else if (respond.status >= 400) {
    const std::string message =
        fmt::format("{} (injected by model-stub rule {})",
                    DefaultErrorMessage(call.provider, respond.status), rule.id);
    reply.body = ErrorBody(call.provider, respond.status, message);
  } else {
    reply = EchoReply(call, body);
    scripted = false;
  }
  if (scripted || reply.status == 200) reply.status = respond.status;
  if (reply.status == 429 && !HasHeader(respond.headers, "retry-after")) {
    reply.headers["retry-after"] = "1";
  }
  for (const auto& [name, value] : respond.headers) reply.headers[name] = value;
  if (respond.truncate_stream_after && reply.sse) {
    reply.events.resize(
        std::min(reply.events.size(), static_cast<std::size_t>(*respond.truncate_stream_after)));
  }
  return reply;
}

}  // namespace model_stub
