#include "server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <exception>
#include <memory>
#include <utility>

#include "ascii.h"
#include "connection.h"
#include "render.h"
#include "rule_reply.h"

namespace model_stub {
namespace {

// Claude Code, the MCP server and the harness hold keep-alive connections and
// long streams at the same time; httplib's default of 8 workers is too few.
constexpr std::size_t kWorkerThreads = 32;

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool WantsStream(const Json& body) {
  return Field(body, "stream").is_boolean() && Field(body, "stream").get<bool>();
}

// Gemini names the model and streaming in the URL, the others in the body.
std::string ModelOf(const httplib::Request& req, const Json& body) {
  std::string model = StringField(body, "model");
  if (model.empty() && req.matches.size() > 1) model = req.matches[1].str();
  return model;
}

bool IsStreamRequest(const httplib::Request& req, const Json& body) {
  return WantsStream(body) || req.path.ends_with(":streamGenerateContent");
}

JournalEntry EntryFor(const httplib::Request& req, Provider provider, const Json& body) {
  JournalEntry entry;
  entry.time = NowRfc3339();
  entry.method = req.method;
  entry.path = req.path;
  entry.provider = std::string(ProviderName(provider));
  entry.model = ModelOf(req, body);
  entry.stream = IsStreamRequest(req, body);
  entry.body = body.is_discarded() ? Json(req.body) : body;
  for (const auto& [name, value] : req.headers) {
    if (IsPeerPseudoHeader(name)) continue;
    auto& stored = entry.headers[AsciiToLower(name)];
    stored = stored.empty() ? value : stored + ", " + value;
  }
  // Not req.params: httplib also puts form-encoded bodies there.
  if (const auto question = req.target.find('?'); question != std::string::npos) {
    httplib::Params query;
    httplib::detail::parse_query_text(req.target.substr(question + 1), query);
    for (const auto& [name, value] : query) entry.query[name] = value;
  }
  return entry;
}

Call CallFor(Api api, Provider provider, const httplib::Request& req, const Json& body) {
  Call call;
  call.api = api;
  call.provider = provider;
  call.model = ModelOf(req, body);
  call.stream = IsStreamRequest(req, body);
  call.sse = api != Api::kGenerateContent || req.get_param_value("alt") == "sse";
  call.unix_time = UnixNow();
  return call;
}

// A rule with a payload or an error status answers by itself; one with only
// a delay (or a 2xx status) lets the mode answer after it, so in live modes a
// slow rule delays real traffic instead of replacing it with the echo brain.
bool ScriptsAnAnswer(const Rule& rule) {
  const RuleResponse& respond = rule.respond;
  return respond.body || respond.text || respond.tool_call || respond.malformed_json ||
         respond.status >= 300 || respond.truncate_stream_after || !respond.headers.empty();
}

}  // namespace

StubServer::StubServer() {
  http_.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  // Small SSE writes and keep-alive request/response pairs otherwise wait on
  // Nagle's algorithm and delayed ACKs (~40 ms each).
  http_.set_tcp_nodelay(true);
  http_.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_socket_ = sock;
  });
  RegisterRoutes();
}

StubServer::~StubServer() { Stop(); }

int StubServer::BindToAnyPort(const std::string& host) {
  const int port = http_.bind_to_any_port(host);
  if (port > 0) WidenBacklog();
  return port;
}

bool StubServer::Bind(const std::string& host, int port) {
  if (!http_.bind_to_port(host, port)) return false;
  WidenBacklog();
  return true;
}

// httplib listens with a backlog of 5: a burst of concurrent clients (Claude
// Code and the MCP server together, or a load test) then has connections
// dropped until the client's connect timeout fires. Listening again on the
// bound socket only changes its backlog.
void StubServer::WidenBacklog() {
  if (listen_socket_ != kNoSocket && ::listen(listen_socket_, SOMAXCONN) != 0) {
    spdlog::warn("cannot widen the listen backlog: errno {}", errno);
  }
}

bool StubServer::ListenAfterBind() { return http_.listen_after_bind(); }

bool StubServer::IsRunning() const { return http_.is_running(); }

void StubServer::Stop() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  http_.stop();
}

void StubServer::RegisterRoutes() {
  http_.Get("/healthz", [this](const httplib::Request& req, httplib::Response& res) {
    ServeAdmin(req, res, 200, {{"status", "ok"}});
  });
  http_.Get("/__stub/requests", [this](const httplib::Request& req, httplib::Response& res) {
    JournalFilter filter;
    if (req.has_param("provider")) filter.provider = req.get_param_value("provider");
    if (req.has_param("path")) filter.path = req.get_param_value("path");
    if (req.has_param("since")) {
      try {
        filter.since = std::stoll(req.get_param_value("since"));
      } catch (const std::exception&) {
        ServeAdmin(req, res, 400, ErrorBody(Provider::kAdmin, 400, "since: not an integer"));
        return;
      }
    }
    ServeAdmin(req, res, 200, journal_.ToJson(filter));
  });
  http_.Post("/__stub/reset", [this](const httplib::Request& req, httplib::Response& res) {
    journal_.Clear();
    rules_.Clear();
    recorder_.Clear();
    replayer_.Rewind();
    ServeAdmin(req, res, 200, {{"status", "ok"}});
  });
  http_.Get("/__stub/rules", [this](const httplib::Request& req, httplib::Response& res) {
    ServeAdmin(req, res, 200, rules_.ToJson());
  });
  http_.Post("/__stub/rules",
             [this](const httplib::Request& req, httplib::Response& res) { AddRules(req, res); });
  RegisterLiveRoutes();

  auto route = [this](Api api) {
    return
        [this, api](const httplib::Request& req, httplib::Response& res) { Serve(req, res, api); };
  };
  http_.Post("/v1/messages", route(Api::kMessages));
  http_.Post("/v1/messages/count_tokens", route(Api::kCountTokens));
  http_.Post("/v1/responses", route(Api::kResponses));
  http_.Post("/v1/chat/completions", route(Api::kChat));
  http_.Post("/v1/embeddings", route(Api::kEmbeddings));
  // AI Studio: current Google SDKs call /v1/models/… as well as /v1beta/models/….
  http_.Post(R"(/v1(?:beta)?/models/([^/:]+):(?:generateContent|streamGenerateContent))",
             route(Api::kGenerateContent));
  http_.Post(
      R"(/v1/projects/[^/]+/locations/[^/]+/publishers/google/models/([^/:]+):(?:generateContent|streamGenerateContent))",
      route(Api::kGenerateContent));

  // Everything else is journaled too (and rules may script it): a client
  // calling a wrong path is exactly what a failing test needs to see.
  const auto not_found = route(Api::kNone);
  http_.Get(".*", not_found);
  http_.Post(".*", not_found);
  http_.Put(".*", not_found);
  http_.Patch(".*", not_found);
  http_.Delete(".*", not_found);
}

void StubServer::Serve(const httplib::Request& req, httplib::Response& res, Api api) {
  const auto started = std::chrono::steady_clock::now();
  const Provider provider = ProviderForPath(req.path, req.has_header("anthropic-version"));
  const Json body = ParseOrDiscarded(req.body);
  const Call call = CallFor(api, provider, req, body);
  const auto rule = rules_.Take({ProviderName(provider), req.path, call.model, req.body});

  JournalEntry entry = EntryFor(req, provider, body);
  if (rule) entry.rule = rule->id;
  const std::int64_t seq = journal_.Begin(entry);

  int status = 0;  // stays 0 when the connection is dropped: nothing was sent
  if (rule && rule->respond.delay_ms > 0) Delay(std::chrono::milliseconds(rule->respond.delay_ms));
  if (rule && rule->respond.close_connection) {
    if (!DropConnection(req))
      spdlog::warn("rule {}: could not find the connection to drop", rule->id);
  } else if (rule && (ScriptsAnAnswer(*rule) || live_config().mode == StubMode::kEcho)) {
    const Reply reply = RuleReply(*rule, call, body);
    Render(reply, res);
    status = reply.status;
  } else {
    status = ServeByMode(req, res, call, body, entry, seq);
  }

  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  journal_.Complete(seq, status, static_cast<long>(ms));
  spdlog::info("{} {} model={} status={} {}ms{}", req.method, req.path, call.model, status, ms,
               rule ? " rule=" + rule->id : std::string());
}

int StubServer::ServeByMode(const httplib::Request& req, httplib::Response& res, const Call& call,
                            const Json& body, const JournalEntry& entry, std::int64_t seq) {
  const LiveConfig config = live_config();
  if (config.mode == StubMode::kPassthrough) {
    return ServeUpstream(req, res, config, call.provider, entry, seq);
  }
  if (config.mode == StubMode::kReplay) return ServeReplay(res, call.provider, entry, seq);
  Reply reply;
  if (call.api == Api::kNone) {
    reply.status = 404;
    reply.body = ErrorBody(call.provider, 404, "Invalid URL (" + req.method + " " + req.path + ")");
  } else {
    reply = EchoReply(call, body);
  }
  Render(reply, res);
  return reply.status;
}

void StubServer::AddRules(const httplib::Request& req, httplib::Response& res) {
  const Json definition = ParseOrDiscarded(req.body);
  if (definition.is_discarded()) {
    ServeAdmin(req, res, 400,
               ErrorBody(Provider::kAdmin, 400, "rules: the body is not valid JSON"));
    return;
  }
  auto parsed = ParseRules(definition);
  if (!parsed.error.empty()) {
    ServeAdmin(req, res, 400, ErrorBody(Provider::kAdmin, 400, parsed.error));
    return;
  }
  auto added = rules_.Add(std::move(parsed.rules));
  if (!added.error.empty()) {
    ServeAdmin(req, res, 400, ErrorBody(Provider::kAdmin, 400, added.error));
    return;
  }
  ServeAdmin(req, res, 200, {{"ids", added.ids}});
}

void StubServer::SetLiveConfig(LiveConfig config) {
  std::lock_guard lock(live_mutex_);
  live_ = std::move(config);
}

LiveConfig StubServer::live_config() const {
  std::lock_guard lock(live_mutex_);
  return live_;
}

bool StubServer::IsStopping() {
  std::lock_guard lock(stop_mutex_);
  return stopping_;
}

void StubServer::Delay(std::chrono::milliseconds delay) {
  std::unique_lock lock(stop_mutex_);
  stop_signal_.wait_for(lock, delay, [this] { return stopping_; });
}

void StubServer::ServeAdmin(const httplib::Request& req, httplib::Response& res, int status,
                            const Json& body) {
  res.status = status;
  res.set_content(Dump(body), "application/json");
  // Health probes every few seconds would drown the request log.
  spdlog::debug("{} {} status={}", req.method, req.path, status);
}

}  // namespace model_stub
