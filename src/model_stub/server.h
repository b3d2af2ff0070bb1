#pragma once
// The stub's HTTP server: routes, request journal, one log line per request.
// Usable in-process by tests (bind to an ephemeral loopback port) and by
// main() (bind to 0.0.0.0:PORT).

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <string>

#include "journal.h"
#include "provider.h"
#include "sse.h"

namespace model_stub {

// What a provider endpoint answers: a JSON body, or (when `events` is not
// empty) a 200 text/event-stream of those events.
struct Reply {
  int status = 200;
  Json body;
  std::vector<SseEvent> events;
};

class StubServer {
 public:
  StubServer();
  ~StubServer();
  StubServer(const StubServer&) = delete;
  StubServer& operator=(const StubServer&) = delete;

  // Binds to `host` on a free port and returns it, or -1 on failure.
  int BindToAnyPort(const std::string& host);
  // Binds to `host`:`port`; false on failure (port taken, bad host).
  bool Bind(const std::string& host, int port);
  // Serves until Stop(); false if the server could not run. REQUIRES a Bind.
  bool ListenAfterBind();
  bool IsRunning() const;
  // Safe from any thread; ListenAfterBind() returns soon after.
  void Stop();

  const Journal& journal() const { return journal_; }

 private:
  using Endpoint = std::function<Reply(const Json& body, const httplib::Request& req)>;

  void RegisterRoutes();
  // Parses the body, journals, runs `endpoint`, renders its Reply, logs.
  void Serve(const httplib::Request& req, httplib::Response& res, const Endpoint& endpoint);
  void ServeAdmin(const httplib::Request& req, httplib::Response& res, int status,
                  const Json& body);

  httplib::Server http_;
  Journal journal_;
};

}  // namespace model_stub
