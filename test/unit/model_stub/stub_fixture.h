#pragma once
// A StubServer running in-process on an ephemeral 127.0.0.1 port, for tests
// that speak HTTP to it, and an SSE parser for its streams.

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "poll_until.h"
#include "server.h"

namespace model_stub {

// Owns a running StubServer; stops and joins it even when an assertion fails.
class StubServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = server_.BindToAnyPort("127.0.0.1");
    ASSERT_GT(port_, 0) << "could not bind 127.0.0.1";
    listener_ = std::thread([this] { server_.ListenAfterBind(); });
    // Poll for readiness with a bounded backoff instead of sleeping blindly.
    const bool running = support::PollUntil(
        std::chrono::steady_clock::now() + std::chrono::seconds(5),
        [this] { return server_.IsRunning(); },
        support::Backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(50)));
    ASSERT_TRUE(running) << "stub did not start listening on port " << port_ << " within 5 s";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(std::chrono::seconds(5));
  }

  void TearDown() override {
    server_.Stop();
    if (listener_.joinable()) listener_.join();
  }

  httplib::Result PostJson(const std::string& path, const Json& body,
                           const httplib::Headers& headers = {}) {
    return client_->Post(path, headers, Dump(body), "application/json");
  }

  Json Journal(const std::string& query = "") {
    auto res = client_->Get("/__stub/requests" + query);
    if (!res || res->status != 200) return Json();
    return Json::parse(res->body);
  }

  StubServer server_;
  int port_ = 0;
  std::thread listener_;
  std::unique_ptr<httplib::Client> client_;
};

// The events of an SSE body, as (event, parsed data) pairs; the event is empty
// for data-only frames (OpenAI Chat, Gemini).
inline std::vector<std::pair<std::string, Json>> ParseSse(const std::string& body) {
  std::vector<std::pair<std::string, Json>> events;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const auto end = body.find("\n\n", pos);
    if (end == std::string::npos) break;
    std::string frame = body.substr(pos, end - pos);
    pos = end + 2;
    std::string event;
    if (frame.rfind("event: ", 0) == 0) {
      const auto newline = frame.find('\n');
      event = frame.substr(7, newline == std::string::npos ? std::string::npos : newline - 7);
      frame = newline == std::string::npos ? "" : frame.substr(newline + 1);
    }
    if (frame.rfind("data: ", 0) != 0 || frame.find('\n') != std::string::npos) {
      ADD_FAILURE() << "malformed SSE frame: " << frame;
      continue;
    }
    events.emplace_back(event, Json::parse(frame.substr(6)));
  }
  return events;
}

}  // namespace model_stub
