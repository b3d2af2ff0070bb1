#pragma once
// The stub's HTTP server: routes, request journal, one log line per request.
// Usable in-process by tests (bind to an ephemeral loopback port) and by
// main() (bind to 0.0.0.0:PORT). Rules answer first; then, by mode
// (live_config.h), the echo brain, the real provider (pass-through, recorded
// for GET /__stub/cassette) or a loaded cassette (replay).

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include "endpoints.h"
#include "journal.h"
#include "live_config.h"
#include "provider.h"
#include "recorder.h"
#include "replayer.h"
#include "rules.h"

namespace model_stub {

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
  // Safe from any thread; ListenAfterBind() returns soon after, and pending
  // rule delays end at once.
  void Stop();

  const Journal& journal() const { return journal_; }
  RuleBook& rules() { return rules_; }

  // Safe from any thread; applies to requests that arrive afterwards.
  void SetLiveConfig(LiveConfig config);
  LiveConfig live_config() const;

 private:
  void RegisterRoutes();
  // GET/POST /__stub/cassette, GET /__stub/replay-misses (server_live.cpp).
  void RegisterLiveRoutes();
  void WidenBacklog();
  // Parses the body, matches the rules, journals, answers (the matched rule
  // or the echo brain for `api`), logs.
  void Serve(const httplib::Request& req, httplib::Response& res, Api api);
  void ServeAdmin(const httplib::Request& req, httplib::Response& res, int status,
                  const Json& body);
  void AddRules(const httplib::Request& req, httplib::Response& res);
  // The answer of the mode when no rule answers; returns the status sent.
  int ServeByMode(const httplib::Request& req, httplib::Response& res, const Call& call,
                  const Json& body, const JournalEntry& entry, std::int64_t seq);
  // Forwards to the real provider, records the exchange (server_live.cpp).
  int ServeUpstream(const httplib::Request& req, httplib::Response& res, const LiveConfig& config,
                    Provider provider, const JournalEntry& entry, std::int64_t seq);
  // Answers from the loaded cassette, or a provider-shaped 400 on a miss.
  int ServeReplay(httplib::Response& res, Provider provider, const JournalEntry& entry,
                  std::int64_t seq);
  bool IsStopping();
  // Waits `delay`, or less when the server stops.
  void Delay(std::chrono::milliseconds delay);

  static constexpr socket_t kNoSocket = INVALID_SOCKET;

  httplib::Server http_;
  socket_t listen_socket_ = kNoSocket;  // set by httplib when it creates the socket
  Journal journal_;
  RuleBook rules_;
  Recorder recorder_;
  Replayer replayer_;
  mutable std::mutex live_mutex_;
  LiveConfig live_;
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
};

}  // namespace model_stub
