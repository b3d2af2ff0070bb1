#pragma once
// A streaming HTTP client for the server's SSE replies: POSTs (or GETs) and
// hands every `data:` event to a callback as it arrives, so a test can answer
// a request the server sent (sampling, elicitation) while the reply is still
// streaming, or read a standalone stream that never ends by itself.

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mcp_server::testing {

struct StreamedReply {
  int status = 0;  // 0: no response (transport error)
  std::string content_type;
  std::vector<nlohmann::json> messages;  // every data: event, in order
};

// Sends `method` (GET or POST) `path` to 127.0.0.1:`port` and calls
// `on_message` for each SSE data event; returning false from it closes the
// connection. Non-SSE bodies are returned parsed as one message.
StreamedReply StreamRequest(int port, const std::string& method, const std::string& path,
                            const httplib::Headers& headers, const std::string& body,
                            const std::function<bool(const nlohmann::json&)>& on_message,
                            std::chrono::seconds timeout = std::chrono::seconds(20));

}  // namespace mcp_server::testing
