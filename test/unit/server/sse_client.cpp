#include "sse_client.h"

namespace mcp_server::testing {

StreamedReply StreamRequest(int port, const std::string& method, const std::string& path,
                            const httplib::Headers& headers, const std::string& body,
                            const std::function<bool(const nlohmann::json&)>& on_message,
                            std::chrono::seconds timeout) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(timeout);
  StreamedReply reply;
  std::string buffer;
  bool is_sse = false;

  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers = headers;
  if (!body.empty()) {
    req.body = body;
    req.set_header("Content-Type", "application/json");
  }
  req.response_handler = [&](const httplib::Response& res) {
    reply.status = res.status;
    reply.content_type = res.get_header_value("Content-Type");
    is_sse = reply.content_type.find("text/event-stream") != std::string::npos;
    return true;
  };
  req.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
    buffer.append(data, size);
    if (!is_sse) return true;
    std::size_t end;
    while ((end = buffer.find("\n\n")) != std::string::npos) {
      const std::string event = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      if (event.rfind("data: ", 0) != 0) continue;  // comments (keep-alives)
      auto message = nlohmann::json::parse(event.substr(6), nullptr, false);
      reply.messages.push_back(message);
      if (!on_message(message)) return false;
    }
    return true;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  client.send(req, res, error);
  if (!is_sse && !buffer.empty()) {
    reply.messages.push_back(nlohmann::json::parse(buffer, nullptr, false));
  }
  return reply;
}

}  // namespace mcp_server::testing
