#pragma once
// One HTTP exchange with a real provider (libcurl), driven step by step by
// the caller's thread: first until the status and headers are in, then in
// short slices that return the body bytes received so far. So the stub can
// answer with the upstream's status and then stream the body through as it
// arrives, without a thread of its own. Bounded by the request's timeouts.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace model_stub {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct UpstreamRequest {
  std::string method = "POST";
  std::string url;
  HeaderList headers;  // sent as given (the caller drops hop-by-hop ones)
  std::string body;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{600'000};  // the whole exchange
  std::string ca_bundle;                       // empty: libcurl's default
};

class UpstreamTransfer {
 public:
  explicit UpstreamTransfer(const UpstreamRequest& request);
  ~UpstreamTransfer();
  UpstreamTransfer(const UpstreamTransfer&) = delete;
  UpstreamTransfer& operator=(const UpstreamTransfer&) = delete;

  // Drives the transfer until the final status line and headers are in.
  // False when the exchange failed before that (error() says why) or
  // `should_stop` returned true.
  bool AwaitHead(const std::function<bool()>& should_stop);

  int status() const;
  // Response headers, names lower-case, in arrival order.
  const HeaderList& headers() const;

  // Body bytes received since the last call, waiting at most `slice` for
  // some; empty when none came in that time or the transfer is finished.
  std::string ReadSome(std::chrono::milliseconds slice);

  bool finished() const;
  // Empty while the transfer goes well; else libcurl's reason, e.g.
  // "Timeout was reached".
  const std::string& error() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace model_stub
