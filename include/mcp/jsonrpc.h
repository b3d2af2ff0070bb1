#pragma once
// JSON-RPC 2.0 messages as MCP uses them: parsing one incoming message into a
// request, notification or response, and building replies. Shared by the
// server and by tests that speak to it, so both agree on the wire shape.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace mcp::jsonrpc {

// Standard JSON-RPC 2.0 error codes.
inline constexpr int kParseError = -32700;      // body is not JSON
inline constexpr int kInvalidRequest = -32600;  // JSON, but not a valid message
inline constexpr int kMethodNotFound = -32601;  // unknown method
inline constexpr int kInvalidParams = -32602;   // bad params, unknown tool
inline constexpr int kInternalError = -32603;   // the server failed
// Implementation-defined code for transport-level refusals (missing session...).
inline constexpr int kServerError = -32000;

enum class MessageKind {
  kRequest,       // has "method" and "id": expects exactly one response
  kNotification,  // has "method", no "id": expects no response
  kResponse,      // has "result" or "error" and "id": answers a request we sent
};

// One well-formed incoming message.
struct Message {
  MessageKind kind = MessageKind::kRequest;
  nlohmann::json id;      // string or integer; null for notifications
  std::string method;     // empty for responses
  nlohmann::json params;  // object, array or null when absent
};

// Why a body could not be turned into a Message. `id` is the request id when
// it could still be read (so the error reply can echo it), otherwise null.
struct Error {
  int code = kInvalidRequest;
  std::string message;
  nlohmann::json id;
};

// Parses one JSON-RPC message. Returns Error with kParseError when `body` is
// not JSON, and kInvalidRequest when it is JSON but not a single valid
// JSON-RPC 2.0 message (batches are refused with kInvalidRequest).
std::variant<Message, Error> ParseMessage(std::string_view body);
// The same checks on one already parsed JSON value (e.g. an element of a batch).
std::variant<Message, Error> MessageFrom(const nlohmann::json& doc);

// {"jsonrpc":"2.0","id":id,"result":result}
nlohmann::json MakeResult(const nlohmann::json& id, nlohmann::json result);

// {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message[,"data":data]}}
// `data` is omitted when null.
nlohmann::json MakeError(const nlohmann::json& id, int code, std::string_view message,
                         nlohmann::json data = nullptr);

// {"jsonrpc":"2.0","id":id,"method":method[,"params":params]}; params omitted when null.
nlohmann::json MakeRequest(const nlohmann::json& id, std::string_view method,
                           nlohmann::json params = nullptr);

// {"jsonrpc":"2.0","method":method[,"params":params]}; params omitted when null.
nlohmann::json MakeNotification(std::string_view method, nlohmann::json params = nullptr);

}  // namespace mcp::jsonrpc
