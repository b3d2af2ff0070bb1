#include "mcp/jsonrpc.h"

namespace mcp::jsonrpc {
namespace {

using nlohmann::json;

// JSON-RPC ids are strings or numbers; MCP further forbids null ids.
bool IsValidId(const json& id) { return id.is_string() || id.is_number_integer(); }

Error Invalid(std::string message, json id = nullptr) {
  return Error{kInvalidRequest, std::move(message), std::move(id)};
}

}  // namespace

std::variant<Message, Error> ParseMessage(std::string_view body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Error{kParseError, "Parse error: body is not valid JSON", nullptr};
  if (doc.is_array()) return Invalid("Invalid Request: batches are not supported");
  return MessageFrom(doc);
}

std::variant<Message, Error> MessageFrom(const json& doc) {
  if (!doc.is_object()) return Invalid("Invalid Request: message must be a JSON object");

  json id = doc.contains("id") ? doc["id"] : json();
  const bool has_id = doc.contains("id");
  if (has_id && !IsValidId(id)) return Invalid("Invalid Request: id must be a string or integer");
  // Echo the id only once it is known to be usable.
  if (doc.value("jsonrpc", json()) != "2.0")
    return Invalid("Invalid Request: jsonrpc must be \"2.0\"", id);

  Message msg;
  msg.id = id;
  if (doc.contains("method")) {
    if (!doc["method"].is_string()) return Invalid("Invalid Request: method must be a string", id);
    msg.method = doc["method"].get<std::string>();
    if (doc.contains("params")) {
      msg.params = doc["params"];
      if (!msg.params.is_object() && !msg.params.is_array()) {
        return Invalid("Invalid Request: params must be an object or array", id);
      }
    }
    msg.kind = has_id ? MessageKind::kRequest : MessageKind::kNotification;
    return msg;
  }
  if (has_id && (doc.contains("result") || doc.contains("error"))) {
    msg.kind = MessageKind::kResponse;
    return msg;
  }
  return Invalid("Invalid Request: neither a request, a notification nor a response", id);
}

json MakeResult(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json MakeError(const json& id, int code, std::string_view message, json data) {
  json error{{"code", code}, {"message", message}};
  if (!data.is_null()) error["data"] = std::move(data);
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

json MakeRequest(const json& id, std::string_view method, json params) {
  json msg{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) msg["params"] = std::move(params);
  return msg;
}

json MakeNotification(std::string_view method, json params) {
  json msg{{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) msg["params"] = std::move(params);
  return msg;
}

}  // namespace mcp::jsonrpc
