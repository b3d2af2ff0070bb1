#include "server.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <memory>

#include "anthropic.h"
#include "ascii.h"
#include "embeddings.h"
#include "gemini.h"
#include "openai.h"
#include "openai_chat.h"

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

// httplib adds the peer addresses as headers; no client sent them.
bool IsPeerPseudoHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "REMOTE_ADDR") || EqualsIgnoreCase(name, "REMOTE_PORT") ||
         EqualsIgnoreCase(name, "LOCAL_ADDR") || EqualsIgnoreCase(name, "LOCAL_PORT");
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

void Render(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  if (reply.events.empty()) {
    res.set_content(Dump(reply.body), "application/json");
    return;
  }
  auto stream = std::make_shared<std::string>();
  for (const auto& event : reply.events) *stream += FormatSse(event);
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider("text/event-stream", [stream](std::size_t offset,
                                                                 httplib::DataSink& sink) {
    if (offset < stream->size() && !sink.write(stream->data() + offset, stream->size() - offset)) {
      return false;
    }
    sink.done();
    return true;
  });
}

Reply AnthropicMessages(const Json& body, const httplib::Request&) {
  if (!Field(body, "messages").is_array()) {
    return {400, ErrorBody(Provider::kAnthropic, 400, "messages: Field required"), {}};
  }
  Json message = anthropic::RespondToMessages(body);
  if (WantsStream(body)) return {200, Json(), anthropic::StreamEvents(message)};
  return {200, std::move(message), {}};
}

Reply AnthropicCountTokens(const Json& body, const httplib::Request&) {
  return {200, anthropic::CountTokens(body), {}};
}

Reply OpenAiResponses(const Json& body, const httplib::Request&) {
  if (Field(body, "input").is_null()) {
    return {400, ErrorBody(Provider::kOpenAi, 400, "Missing required parameter: 'input'."), {}};
  }
  Json response = openai::RespondToResponses(body, UnixNow());
  if (WantsStream(body)) return {200, Json(), openai::StreamEvents(response)};
  return {200, std::move(response), {}};
}

Reply OpenAiChat(const Json& body, const httplib::Request&) {
  if (!Field(body, "messages").is_array()) {
    return {400, ErrorBody(Provider::kOpenAi, 400, "Missing required parameter: 'messages'."), {}};
  }
  Json completion = openai::RespondToChat(body, UnixNow());
  if (!WantsStream(body)) return {200, std::move(completion), {}};
  const bool include_usage = Field(Field(body, "stream_options"), "include_usage") == true;
  return {200, Json(), openai::ChatStreamEvents(completion, include_usage)};
}

Reply OpenAiEmbeddings(const Json& body, const httplib::Request&) {
  Json embeddings = RespondToEmbeddings(body);
  if (embeddings.is_null()) {
    return {400,
            ErrorBody(Provider::kOpenAi, 400,
                      "'input' must be a string or a non-empty array of strings."),
            {}};
  }
  return {200, std::move(embeddings), {}};
}

// Paths: .../models/<model>:generateContent or :streamGenerateContent; the
// route's first capture is the model. Without alt=sse a stream is sent as one
// JSON array of chunks, as the real API does.
Reply GeminiGenerate(const Json& body, const httplib::Request& req) {
  if (!Field(body, "contents").is_array()) {
    return {400, ErrorBody(Provider::kGemini, 400, "contents is required"), {}};
  }
  Json response = gemini::RespondToGenerateContent(body, ModelOf(req, body));
  if (!IsStreamRequest(req, body)) return {200, std::move(response), {}};
  if (req.get_param_value("alt") == "sse") return {200, Json(), gemini::StreamEvents(response)};
  Json chunks = Json::array();
  for (auto& chunk : gemini::StreamChunks(response)) chunks.push_back(std::move(chunk));
  return {200, std::move(chunks), {}};
}

}  // namespace

StubServer::StubServer() {
  http_.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  RegisterRoutes();
}

StubServer::~StubServer() { Stop(); }

int StubServer::BindToAnyPort(const std::string& host) { return http_.bind_to_any_port(host); }

bool StubServer::Bind(const std::string& host, int port) { return http_.bind_to_port(host, port); }

bool StubServer::ListenAfterBind() { return http_.listen_after_bind(); }

bool StubServer::IsRunning() const { return http_.is_running(); }

void StubServer::Stop() { http_.stop(); }

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
    ServeAdmin(req, res, 200, {{"status", "ok"}});
  });

  auto route = [this](Endpoint endpoint) {
    return [this, endpoint = std::move(endpoint)](
               const httplib::Request& req, httplib::Response& res) { Serve(req, res, endpoint); };
  };
  http_.Post("/v1/messages", route(AnthropicMessages));
  http_.Post("/v1/messages/count_tokens", route(AnthropicCountTokens));
  http_.Post("/v1/responses", route(OpenAiResponses));
  http_.Post("/v1/chat/completions", route(OpenAiChat));
  http_.Post("/v1/embeddings", route(OpenAiEmbeddings));
  http_.Post(R"(/v1beta/models/([^/:]+):(?:generateContent|streamGenerateContent))",
             route(GeminiGenerate));
  http_.Post(
      R"(/v1/projects/[^/]+/locations/[^/]+/publishers/google/models/([^/:]+):(?:generateContent|streamGenerateContent))",
      route(GeminiGenerate));

  // Everything else is journaled too: a client calling a wrong path is
  // exactly what a failing test needs to see.
  const auto not_found = route(nullptr);
  http_.Get(".*", not_found);
  http_.Post(".*", not_found);
  http_.Put(".*", not_found);
  http_.Patch(".*", not_found);
  http_.Delete(".*", not_found);
}

void StubServer::Serve(const httplib::Request& req, httplib::Response& res,
                       const Endpoint& endpoint) {
  const auto started = std::chrono::steady_clock::now();
  const Provider provider = ProviderForPath(req.path, req.has_header("anthropic-version"));
  const Json body = ParseOrDiscarded(req.body);
  const std::int64_t seq = journal_.Begin(EntryFor(req, provider, body));

  Reply reply;
  if (!endpoint) {
    reply = {
        404, ErrorBody(provider, 404, "Invalid URL (" + req.method + " " + req.path + ")"), {}};
  } else if (!body.is_object()) {
    reply = {400, ErrorBody(provider, 400, "The request body is not a valid JSON object."), {}};
  } else {
    try {
      reply = endpoint(body, req);
    } catch (const std::exception& e) {
      // Malformed but parseable input (a number where an object belongs)
      // is the client's error, as the real APIs would say.
      reply = {400, ErrorBody(provider, 400, std::string("Invalid request: ") + e.what()), {}};
    }
  }
  Render(reply, res);

  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  journal_.Complete(seq, reply.status, static_cast<long>(ms));
  spdlog::info("{} {} model={} status={} {}ms", req.method, req.path, ModelOf(req, body),
               reply.status, ms);
}

void StubServer::ServeAdmin(const httplib::Request& req, httplib::Response& res, int status,
                            const Json& body) {
  res.status = status;
  res.set_content(Dump(body), "application/json");
  // Health probes every few seconds would drown the request log.
  spdlog::debug("{} {} status={}", req.method, req.path, status);
}

}  // namespace model_stub
