#include "http_transport.h"

#include <mcp/protocol.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "protocol/sse_stream.h"

namespace mcp_server {
namespace {

namespace rpc = mcp::jsonrpc;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kJson = "application/json";

// httplib serves each request start to finish on one worker thread, so the
// pre-routing handler, the route handler and the logger can share this.
struct RequestLogContext {
  Clock::time_point start = Clock::now();
  std::string rpc_method;
};
thread_local RequestLogContext t_request;

const std::string kSessionHeader(mcp::kSessionIdHeader);
const std::string kVersionHeader(mcp::kProtocolVersionHeader);

void ReplyJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  // Provider text may hold invalid UTF-8; replace it rather than throw mid-reply.
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), kJson);
}

// Transport refusals carry a JSON-RPC error without id, like the reference SDKs.
void Refuse(httplib::Response& res, int status, const std::string& message) {
  ReplyJson(res, status, rpc::MakeError(nullptr, rpc::kServerError, message));
}

void LogRequest(const httplib::Request& req, const httplib::Response& res) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t_request.start).count();
  std::string session = req.get_header_value(kSessionHeader.c_str());
  if (session.empty()) session = res.get_header_value(kSessionHeader.c_str());
  spdlog::info("request method={} path={} rpc={} session={} status={} ms={}", req.method, req.path,
               t_request.rpc_method.empty() ? "-" : t_request.rpc_method, SessionLogTag(session),
               res.status, ms);
}

// Batches are arrays; the first character tells without parsing twice.
bool IsBatch(const std::string& body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && body[first] == '[';
}

}  // namespace

HttpTransport::HttpTransport(const Dispatcher& dispatcher, SessionRegistry& sessions,
                             ProtocolState& protocol, OriginPolicy origins,
                             TransportOptions options)
    : dispatcher_(dispatcher),
      sessions_(sessions),
      protocol_(protocol),
      origins_(std::move(origins)),
      options_(std::move(options)) {}

void HttpTransport::Install(httplib::Server& server) {
  // Oversized bodies are refused by httplib with 413 before a handler runs.
  server.set_payload_max_length(options_.max_body_bytes);

  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_request = RequestLogContext{};
    // Checked before the body is read: a forbidden origin learns nothing more.
    if (req.path == options_.endpoint && req.has_header("Origin") &&
        !origins_.Allows(req.get_header_value("Origin"))) {
      Refuse(res, 403, "Forbidden: Origin not allowed");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.Post(options_.endpoint, [this](const httplib::Request& req, httplib::Response& res) {
    HandlePost(req, res);
  });
  server.Delete(options_.endpoint, [this](const httplib::Request& req, httplib::Response& res) {
    HandleDelete(req, res);
  });
  server.Get(options_.endpoint,
             [this](const httplib::Request& req, httplib::Response& res) { HandleGet(req, res); });
  server.Get("/healthz",
             [this](const httplib::Request&, httplib::Response& res) { HandleHealth(res); });

  // Fill in a JSON body for errors httplib produced itself (413, 404...).
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string reason = res.status == 413   ? "Payload Too Large"
                                   : res.status == 404 ? "Not Found"
                                                       : "HTTP error " + std::to_string(res.status);
        Refuse(res, res.status, reason);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("unhandled exception: {}", what);
        ReplyJson(res, 500, rpc::MakeError(nullptr, rpc::kInternalError, "Internal error"));
      });
  server.set_logger(&LogRequest);
}

std::string HttpTransport::CheckSession(const httplib::Request& req, httplib::Response& res) const {
  std::string session = req.get_header_value(kSessionHeader.c_str());
  if (session.empty()) {
    Refuse(res, 400, "Bad Request: missing Mcp-Session-Id header (initialize first)");
    return {};
  }
  if (!sessions_.Find(session)) {
    Refuse(res, 404, "Session not found: it never existed or has ended; initialize again");
    return {};
  }
  const std::string version = req.get_header_value(kVersionHeader.c_str());
  if (!version.empty() && !mcp::IsSupportedProtocolVersion(version)) {
    Refuse(res, 400, "Bad Request: unsupported MCP-Protocol-Version " + version);
    return {};
  }
  return session;
}

void HttpTransport::HandlePost(const httplib::Request& req, httplib::Response& res) {
  if (IsBatch(req.body)) {
    HandleBatch(req, res);
    return;
  }
  auto parsed = rpc::ParseMessage(req.body);
  if (const auto* error = std::get_if<rpc::Error>(&parsed)) {
    ReplyJson(res, 400, rpc::MakeError(error->id, error->code, error->message));
    return;
  }
  const auto& message = std::get<rpc::Message>(parsed);
  t_request.rpc_method = message.method;
  const bool is_initialize =
      message.kind == rpc::MessageKind::kRequest && message.method == "initialize";

  std::string session;
  if (!is_initialize) {
    session = CheckSession(req, res);
    if (session.empty()) return;
  }

  // Notifications and responses (to our requests) need no answer.
  if (message.kind != rpc::MessageKind::kRequest) {
    HandleClientMessage(message, session, req.body);
    res.status = 202;
    return;
  }

  const auto inflight = RegisterIfCancellable(session, message);
  RequestContext context(session, message.params, &protocol_.preferences,
                         inflight ? inflight->cancelled() : nullptr);
  if (dispatcher_.WantsStream(message) &&
      req.get_header_value("Accept").find("text/event-stream") != std::string::npos) {
    ReplyWithStream(
        res, std::move(context), protocol_.client_requests,
        [this, message](RequestContext& streamed) { return dispatcher_.Handle(message, streamed); },
        inflight);
    return;
  }

  json reply = dispatcher_.Handle(message, context);
  if (is_initialize && reply.contains("result")) {
    const auto created = sessions_.Create(reply["result"]["protocolVersion"].get<std::string>());
    protocol_.preferences.SetClientCapabilities(
        created, message.params.is_object() ? message.params.value("capabilities", json::object())
                                            : json::object());
    res.set_header(kSessionHeader.c_str(), created);
  }
  ReplyJson(res, 200, reply);
}

std::shared_ptr<InflightRequests::Registration> HttpTransport::RegisterIfCancellable(
    const std::string& session, const rpc::Message& message) {
  // Only tool calls can run long enough to be worth cancelling.
  if (message.method != "tools/call") return nullptr;
  return std::make_shared<InflightRequests::Registration>(
      protocol_.inflight.Register(session, message.id));
}

void HttpTransport::HandleBatch(const httplib::Request& req, httplib::Response& res) {
  const json batch = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (batch.is_discarded()) {
    ReplyJson(res, 400,
              rpc::MakeError(nullptr, rpc::kParseError, "Parse error: body is not valid JSON"));
    return;
  }
  t_request.rpc_method = "batch";
  const std::string session = CheckSession(req, res);
  if (session.empty()) return;
  const std::string negotiated = sessions_.Find(session).value_or(McpSession{}).protocol_version;
  if (negotiated != "2025-03-26") {
    ReplyJson(res, 400,
              rpc::MakeError(nullptr, rpc::kInvalidRequest,
                             "Invalid Request: batches are not supported in protocol version " +
                                 negotiated + " (2025-06-18 removed them)"));
    return;
  }
  if (batch.empty()) {
    ReplyJson(res, 400,
              rpc::MakeError(nullptr, rpc::kInvalidRequest, "Invalid Request: empty batch"));
    return;
  }
  // Each element on its own, in order, as if posted alone; one reply per request.
  json replies = json::array();
  for (const json& element : batch) {
    auto parsed = rpc::MessageFrom(element);
    if (const auto* error = std::get_if<rpc::Error>(&parsed)) {
      replies.push_back(rpc::MakeError(error->id, error->code, error->message));
      continue;
    }
    const auto& message = std::get<rpc::Message>(parsed);
    if (message.kind != rpc::MessageKind::kRequest) {
      HandleClientMessage(message, session, element.dump());
      continue;
    }
    if (message.method == "initialize") {
      replies.push_back(rpc::MakeError(message.id, rpc::kInvalidRequest,
                                       "Invalid Request: initialize must not be part of a batch"));
      continue;
    }
    const auto inflight = RegisterIfCancellable(session, message);
    RequestContext context(session, message.params, &protocol_.preferences,
                           inflight ? inflight->cancelled() : nullptr);
    replies.push_back(dispatcher_.Handle(message, context));
  }
  if (replies.empty()) {
    res.status = 202;  // only notifications and responses
    return;
  }
  ReplyJson(res, 200, replies);
}

void HttpTransport::HandleClientMessage(const rpc::Message& message, const std::string& session,
                                        const std::string& body) {
  if (message.kind == rpc::MessageKind::kResponse) {
    // ParseMessage keeps no result; this path is rare (answers to sampling
    // and elicitation), so parsing the body again is fine.
    if (!protocol_.client_requests.Deliver(session, json::parse(body, nullptr, false))) {
      spdlog::info("response from session {} answers no open request", SessionLogTag(session));
    }
    return;
  }
  if (message.method == "notifications/cancelled" && message.params.is_object() &&
      message.params.contains("requestId")) {
    const bool found = protocol_.inflight.Cancel(session, message.params["requestId"]);
    spdlog::info("cancel request {} of session {}: {}", message.params["requestId"].dump(),
                 SessionLogTag(session), found ? "cancelled" : "not in flight");
  }
}

void HttpTransport::HandleGet(const httplib::Request& req, httplib::Response& res) {
  const std::string session = CheckSession(req, res);
  if (session.empty()) return;
  if (req.get_header_value("Accept").find("text/event-stream") == std::string::npos) {
    Refuse(res, 406,
           "Not Acceptable: GET " + options_.endpoint +
               " opens an SSE stream (Accept: text/event-stream)");
    return;
  }
  if (protocol_.outbox.open_count() >= options_.max_standalone_streams) {
    Refuse(res, 503, "Service Unavailable: too many standalone streams open; retry later");
    return;
  }
  if (!protocol_.outbox.Open(session)) {
    Refuse(res, 409, "Conflict: this session already has a standalone stream open");
    return;
  }
  ServeSessionStream(
      res, protocol_.outbox, session, [this] { return !stopping_.load(); }, kStreamHeartbeat);
}

void HttpTransport::HandleDelete(const httplib::Request& req, httplib::Response& res) {
  const std::string session = req.get_header_value(kSessionHeader.c_str());
  if (session.empty()) {
    Refuse(res, 400, "Bad Request: missing Mcp-Session-Id header");
    return;
  }
  if (!sessions_.End(session)) {
    Refuse(res, 404, "Session not found");
    return;
  }
  protocol_.ForgetSession(session);
  res.status = 204;
}

void HttpTransport::HandleHealth(httplib::Response& res) const {
  const auto uptime =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started_).count();
  const auto problem = options_.db_problem ? options_.db_problem() : std::nullopt;
  json body{{"status", problem ? "unavailable" : "ok"},
            {"version", options_.version},
            {"uptime_s", uptime},
            {"db", problem ? "error: " + *problem : "ok"},
            {"sessions", sessions_.size()},
            {"standalone_streams", protocol_.outbox.open_count()}};
  if (options_.health_details) body.update(options_.health_details());
  ReplyJson(res, problem ? 503 : 200, body);
}

}  // namespace mcp_server
