// Fuzzes the mcp-server's request handling in-process, without sockets: an
// HTTP request (method, path, the MCP headers, a body) goes through httplib's
// request parsing into the real HttpTransport (Origin, body limit, session
// and protocol-version checks), the Dispatcher and the real tools (schema
// checks, chat argument rules, workspace files, conversation store, structured
// answers). Providers are replaced by one that answers at once with the last
// user message, so no provider traffic happens and the fuzzer also controls
// what the structured-answer check sees.
//
// Beyond "no crash, no UB", it checks:
//  * a status the transport can mean (never 500: no handler threw);
//  * every non-empty body is JSON;
//  * no JSON-RPC internal error (-32603) and no tool "internal error": input
//    never makes the server fail, it is refused with a reason;
//  * a 200 to POST /mcp is one JSON-RPC response carrying the request's id
//    (a batch, in the 2025-03-26 session only: an array of such responses);
//  * a body that is not JSON, within the limit, from an allowed origin, is
//    400 with -32700 (checked against nlohmann's own acceptance);
//  * a tools/call result has a content array and a boolean isError.
// A second session negotiated 2025-03-26 also takes batches: a 200 to one is
// an array of responses, each checked like a single one.
// Requests accept only application/json: streamed replies (SSE, for progress,
// and GET /mcp's standalone stream) hold the request open by design, so they
// are left to the unit tests; GET /mcp with a live session is then a 406.
#include <fuzzer/FuzzedDataProvider.h>
#include <httplib.h>
#include <mcp/jsonrpc.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "dispatcher.h"
#include "http_transport.h"
#include "sessions.h"
#include "tool_registry.h"
#include "tools/chat_tools.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxBodyBytes = 2048;

// One request's bytes in, the response's bytes out.
class StringStream : public httplib::Stream {
 public:
  explicit StringStream(std::string_view input) : input_(input) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, input_.size() - position_);
    std::memcpy(ptr, input_.data() + position_, n);
    position_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8000;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  const std::string& output() const { return output_; }

 private:
  std::string_view input_;
  size_t position_ = 0;
  std::string output_;
};

// httplib's own request processing (parse, route, error and exception
// handlers, logger) on a string instead of a socket.
class InProcessHttp : public httplib::Server {
 public:
  std::string Serve(std::string_view request) {
    StringStream stream(request);
    bool closed = false;
    process_request(stream, /*close_connection=*/true, closed,
                    [](httplib::Request& req) { req.remote_addr = "127.0.0.1"; });
    return stream.output();
  }
};

class InstantProvider : public mcp_server::ChatProvider {
 public:
  std::string Name() const override { return "openai"; }
  std::optional<std::string> MissingConfiguration() const override { return std::nullopt; }
  mcp_server::ProviderReply Send(const mcp_server::ChatRequest& request) const override {
    mcp_server::ProviderReply reply;
    reply.ok = true;
    reply.attempts = 1;
    reply.text = request.messages.empty() ? "" : request.messages.back().content;
    return reply;
  }
};

fs::path MakeTempDir(const char* pattern) {
  std::string path = std::string(fs::exists("/dev/shm") ? "/dev/shm/" : "/tmp/") + pattern;
  if (mkdtemp(path.data()) == nullptr) std::abort();
  return path;
}

// The server under test, built once per fuzzing process.
struct Server {
  Server()
      : data_dir(MakeTempDir("mcp-fuzz-data-XXXXXX")),
        workspace(MakeTempDir("mcp-fuzz-ws-XXXXXX")),
        store(data_dir),
        files(mcp_server::WorkspaceFileLimits{{workspace}, 4096, 16}),
        dispatcher(tools, mcp_server::ServerIdentity{"mcp-server", "fuzz"}),
        transport(dispatcher, sessions, protocol, mcp_server::OriginPolicy({}),
                  mcp_server::TransportOptions{kMaxBodyBytes, "fuzz", {}, {}}) {
    spdlog::set_level(spdlog::level::off);
    std::ofstream(workspace / "a.txt") << "Alpha ALPHA-1\n";
    fs::create_directories(workspace / "d");
    std::ofstream(workspace / "d" / "b.md") << "# Beta BETA-2\n";
    std::error_code ignored;
    fs::create_directory_symlink("/etc", workspace / "etc-link", ignored);
    const auto provider = std::make_shared<InstantProvider>();
    mcp_server::AddChatTools(tools, {provider, provider, provider},
                             mcp_server::ChatEnvironment{store, locks, files});
    transport.Install(http);
    valid_session = sessions.Create("2025-06-18");
    batching_session = sessions.Create("2025-03-26");
  }

  fs::path data_dir;
  fs::path workspace;
  mcp_server::ConversationStore store;
  mcp_server::SessionLocks locks;
  mcp_server::WorkspaceFiles files;
  mcp_server::ToolRegistry tools;
  mcp_server::SessionRegistry sessions;
  mcp_server::ProtocolState protocol;
  mcp_server::Dispatcher dispatcher;
  mcp_server::HttpTransport transport;
  InProcessHttp http;
  std::string valid_session;
  std::string batching_session;  // 2025-03-26: batches are answered
};

Server& TheServer() {
  static Server server;
  return server;
}

[[noreturn]] void Fail(const char* what, const std::string& request, const std::string& response) {
  std::fprintf(stderr, "property violated: %s\n--- request ---\n%s\n--- response ---\n%s\n", what,
               request.c_str(), response.c_str());
  std::abort();
}

// A header value the fuzzer chose, without the bytes that would end the header.
std::string HeaderValue(FuzzedDataProvider& input) {
  std::string value = input.ConsumeRandomLengthString(64);
  std::erase_if(value, [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
  return value;
}

struct Choice {
  std::string method;
  std::string path;
  std::string session;  // "" = no header
  std::string version;  // "" = no header
  std::string origin;   // "" = no header
  bool foreign_origin = false;
  std::string body;
};

Choice Choose(FuzzedDataProvider& input, Server& server) {
  Choice c;
  static constexpr const char* kMethods[] = {"POST", "POST", "POST", "DELETE", "GET", "PUT"};
  static constexpr const char* kPaths[] = {"/mcp", "/mcp", "/mcp", "/healthz", "/mcp?x=1", "/"};
  c.method = input.PickValueInArray(kMethods);
  c.path = input.PickValueInArray(kPaths);
  switch (input.ConsumeIntegralInRange(0, 4)) {
    case 0:
      c.session = server.valid_session;
      break;
    case 4:
      c.session = server.batching_session;
      break;
    case 1:
      c.session = "f0000000000000000000000000000000";
      break;
    case 2:
      c.session = HeaderValue(input);
      break;
    default:
      break;
  }
  switch (input.ConsumeIntegralInRange(0, 4)) {
    case 0:
      c.version = "2025-06-18";
      break;
    case 1:
      c.version = "2025-03-26";
      break;
    case 2:
      c.version = "2025-11-25";
      break;
    case 3:
      c.version = HeaderValue(input);
      break;
    default:
      break;
  }
  switch (input.ConsumeIntegralInRange(0, 3)) {
    case 0:
      c.origin = "http://localhost:6274";
      break;
    case 1:
      c.origin = "http://evil.example";
      c.foreign_origin = true;
      break;
    case 2:
      c.origin = HeaderValue(input);
      break;
    default:
      break;
  }
  c.body = input.ConsumeRemainingBytesAsString();
  return c;
}

std::string RequestBytes(const Choice& c) {
  std::string request = c.method + " " + c.path + " HTTP/1.1\r\nHost: mcp-server:8000\r\n";
  request += "Accept: application/json\r\nContent-Type: application/json\r\n";
  if (!c.session.empty()) request += "Mcp-Session-Id: " + c.session + "\r\n";
  if (!c.version.empty()) request += "MCP-Protocol-Version: " + c.version + "\r\n";
  if (!c.origin.empty()) request += "Origin: " + c.origin + "\r\n";
  request += "Content-Length: " + std::to_string(c.body.size()) + "\r\n\r\n" + c.body;
  return request;
}

struct Parsed {
  int status = 0;
  std::string headers;
  std::string body;
};

Parsed ParseResponse(const std::string& response) {
  Parsed parsed;
  const auto end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return parsed;
  parsed.status = std::atoi(response.c_str() + 9);
  parsed.headers = response.substr(0, end);
  parsed.body = response.substr(end + 4);
  return parsed;
}

std::string IssuedSession(const std::string& headers) {
  const std::string name = "\r\nMcp-Session-Id: ";
  const auto at = headers.find(name);
  if (at == std::string::npos) return "";
  const auto start = at + name.size();
  return headers.substr(start, headers.find("\r\n", start) - start);
}

// One JSON-RPC response to `sent` (a request object): its id, exactly one of
// result and error, no internal error, and a well-formed tools/call result.
void CheckResponse(const json& sent, const json& reply, const std::string& request,
                   const std::string& response) {
  if (!reply.is_object() || reply.value("jsonrpc", "") != "2.0" || !reply.contains("id") ||
      reply.contains("result") == reply.contains("error")) {
    Fail("a 200 is not a JSON-RPC response", request, response);
  }
  if (sent.is_object() && sent.contains("id") && reply["id"] != sent["id"]) {
    Fail("a 200 answers another id", request, response);
  }
  // A batch element's "method" may be any JSON (the server refused it): compare, never convert.
  if (sent.is_object() && sent.contains("method") && sent["method"] == "tools/call" &&
      reply.contains("result")) {
    const json& result = reply["result"];
    if (!result.is_object() || !result.contains("content") || !result["content"].is_array() ||
        !result.contains("isError") || !result["isError"].is_boolean()) {
      Fail("a tools/call result without content or isError", request, response);
    }
    if (result.dump().find(": internal error: ") != std::string::npos) {
      Fail("a tool failed internally", request, response);
    }
  }
}

bool IsInternalError(const json& reply) {
  return reply.is_object() && reply.contains("error") && reply["error"].is_object() &&
         reply["error"].value("code", 0) == mcp::jsonrpc::kInternalError;
}

void CheckReply(const Choice& c, const std::string& request, const std::string& response,
                const Parsed& parsed) {
  const json reply = json::parse(parsed.body, nullptr, false);
  if (!parsed.body.empty() && reply.is_discarded()) Fail("body is not JSON", request, response);
  if (IsInternalError(reply)) Fail("internal error", request, response);
  const bool mcp_post = c.method == "POST" && c.path.rfind("/mcp", 0) == 0;
  if (mcp_post && !c.foreign_origin && c.body.size() <= kMaxBodyBytes &&
      (c.origin.empty() || c.origin == "http://localhost:6274") && !json::accept(c.body)) {
    if (parsed.status != 400 ||
        reply.value("error", json::object()).value("code", 0) != mcp::jsonrpc::kParseError) {
      Fail("a body that is not JSON was not a parse error", request, response);
    }
  }
  if (!mcp_post || parsed.status != 200) return;
  const json sent = json::parse(c.body);  // a 200 means it parsed
  if (!sent.is_array()) {
    CheckResponse(sent, reply, request, response);
    return;
  }
  // A batch (answered only in the 2025-03-26 session): one response per
  // request element, in order, so never more replies than elements.
  if (c.session != TheServer().batching_session)
    Fail("a batch answered in a later version", request, response);
  if (!reply.is_array() || reply.empty() || reply.size() > sent.size()) {
    Fail("a batch's 200 is not an array of at most one reply per element", request, response);
  }
  for (const json& element : reply) {
    if (IsInternalError(element)) Fail("internal error in a batch", request, response);
    const auto match = std::find_if(sent.begin(), sent.end(), [&element](const json& one) {
      return one.is_object() && one.contains("id") && element.is_object() &&
             element.contains("id") && one["id"] == element["id"];
    });
    CheckResponse(match != sent.end() ? *match : json(), element, request, response);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Server& server = TheServer();
  if (!server.sessions.Find(server.valid_session)) {
    server.valid_session = server.sessions.Create("2025-06-18");  // a DELETE ended it
  }
  if (!server.sessions.Find(server.batching_session)) {
    server.batching_session = server.sessions.Create("2025-03-26");
  }
  FuzzedDataProvider input(data, size);
  const Choice choice = Choose(input, server);
  const std::string request = RequestBytes(choice);
  const std::string response = server.http.Serve(request);
  const Parsed parsed = ParseResponse(response);

  static constexpr int kStatuses[] = {200, 202, 204, 400, 403, 404, 405, 406, 409, 413};
  if (std::find(std::begin(kStatuses), std::end(kStatuses), parsed.status) == std::end(kStatuses)) {
    Fail("unexpected status", request, response);
  }
  CheckReply(choice, request, response, parsed);

  // Sessions issued by initialize would pile up over millions of runs.
  if (const std::string issued = IssuedSession(parsed.headers); !issued.empty()) {
    server.sessions.End(issued);
  }
  return 0;
}
