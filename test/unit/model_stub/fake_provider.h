#pragma once
// An in-process "real provider" on 127.0.0.1 for the pass-through tests:
// answers like OpenAI, Anthropic (streamed, in two halves the test controls)
// and Gemini, deterministically, and remembers what reached it.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "json_text.h"
#include "poll_until.h"

namespace model_stub {

class FakeProvider {
 public:
  FakeProvider() {
    http_.Post("/v1/responses", [this](const httplib::Request& req, httplib::Response& res) {
      Remember(req);
      // Real providers echo parts of a bad key in errors: the stub must scrub it.
      const Json body = {{"id", "resp_fixed"},
                         {"object", "response"},
                         {"output_text", "real answer to " + Dump(Json::parse(req.body)["input"])},
                         {"echoed_auth", req.get_header_value("authorization")}};
      res.set_header("x-request-id", "req_123");
      res.set_content(Dump(body), "application/json");
    });
    http_.Post("/v1/messages", [this](const httplib::Request& req, httplib::Response& res) {
      Remember(req);
      res.set_chunked_content_provider(
          "text/event-stream",
          [this](std::size_t, httplib::DataSink& sink) { return StreamInTwoHalves(sink); });
    });
    http_.Post(R"(/v1beta/models/([^/:]+):generateContent)",
               [this](const httplib::Request& req, httplib::Response& res) {
                 Remember(req);
                 const Json body = {
                     {"candidates",
                      {{{"content", {{"parts", {{{"text", "gemini says hi"}}}}, {"role", "model"}}},
                        {"finishReason", "STOP"}}}},
                     {"echoed_key", req.get_param_value("key")}};
                 res.set_content(Dump(body), "application/json");
               });
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    support::PollUntil(std::chrono::steady_clock::now() + std::chrono::seconds(5),
                       [this] { return http_.is_running(); });  // poll
  }
  ~FakeProvider() {
    ReleaseStream();
    http_.stop();
    if (thread_.joinable()) thread_.join();
  }
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool running() const { return port_ > 0 && http_.is_running(); }
  int hits() const { return hits_; }
  // Everything the last request carried (target, headers, body), as text.
  std::string LastRequest() {
    std::lock_guard lock(mutex_);
    return last_request_;
  }
  // Lets the second half of the Anthropic stream go.
  void ReleaseStream() {
    {
      std::lock_guard lock(mutex_);
      released_ = true;
    }
    release_.notify_all();
  }
  // Whether the second half was released by the test (rather than by the
  // 5 s safety timeout), i.e. the client saw the first half first.
  bool released_by_client() const { return released_by_client_; }

 private:
  void Remember(const httplib::Request& req) {
    ++hits_;
    std::string text = req.method + " " + req.target + "\n";
    for (const auto& [name, value] : req.headers) text += name + ": " + value + "\n";
    std::lock_guard lock(mutex_);
    last_request_ = text + req.body;
  }

  bool StreamInTwoHalves(httplib::DataSink& sink) {
    const std::string first =
        "event: message_start\ndata: "
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}\n\n";
    const std::string second =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":"
        "\"hello\"}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    sink.write(first.data(), first.size());
    {
      std::unique_lock lock(mutex_);
      released_by_client_ =
          release_.wait_for(lock, std::chrono::seconds(5), [this] { return released_; });
      released_ = false;
    }
    sink.write(second.data(), second.size());
    sink.done();
    return true;
  }

  httplib::Server http_;
  std::thread thread_;
  int port_ = -1;
  std::atomic<int> hits_{0};
  std::mutex mutex_;
  std::condition_variable release_;
  bool released_ = false;
  std::atomic<bool> released_by_client_{false};
  std::string last_request_;
};

}  // namespace model_stub
