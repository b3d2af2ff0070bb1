#pragma once
// The model stub in-process on an ephemeral loopback port, for a benchmark's
// duration (bench/model_stub_load, bench/attachment_index).

#include <chrono>
#include <string>
#include <thread>

#include "poll_until.h"
#include "server.h"  // the stub's StubServer (model_stub_lib comes first in the include path)

namespace bench {

class RunningStub {
 public:
  RunningStub() : port_(server_.BindToAnyPort("127.0.0.1")) {
    if (port_ <= 0) return;
    listener_ = std::thread([this] { server_.ListenAfterBind(); });
    // Poll for readiness with a bounded backoff, never a blind sleep; ready() tells.
    support::PollUntil(
        std::chrono::steady_clock::now() + std::chrono::seconds(5),
        [this] { return server_.IsRunning(); },
        support::Backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(50)));
  }
  ~RunningStub() {
    server_.Stop();
    if (listener_.joinable()) listener_.join();
  }
  RunningStub(const RunningStub&) = delete;
  RunningStub& operator=(const RunningStub&) = delete;

  bool ready() const { return port_ > 0 && server_.IsRunning(); }
  int port() const { return port_; }
  // The OpenAI-style base URL, "http://127.0.0.1:<port>/v1".
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

 private:
  model_stub::StubServer server_;
  int port_;
  std::thread listener_;
};

}  // namespace bench
