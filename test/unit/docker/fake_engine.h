#pragma once
// A stand-in Docker Engine for unit tests: cpp-httplib serving canned answers
// on a temporary unix socket, recording every request so tests can assert on
// exactly what the client sent (method, versioned path, query, JSON body).

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "poll_until.h"

namespace fake {

struct Recorded {
  std::string method;
  std::string path;  // as sent, with the /vX.Y prefix, without the query
  std::string unversioned_path;
  std::map<std::string, std::vector<std::string>> query;
  std::string body;
};

class Engine {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  // `api_version` is what /_ping announces in its Api-Version header.
  explicit Engine(std::string api_version = "1.41") : api_version_(std::move(api_version)) {
    static std::atomic<int> counter{0};
    socket_ = "/tmp/fake-dockerd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
              ".sock";
    ::unlink(socket_.c_str());
    server_.set_address_family(AF_UNIX);
    const auto dispatch = [this](const httplib::Request& request, httplib::Response& response) {
      Dispatch(request, response);
    };
    server_.Get(".*", dispatch);
    server_.Post(".*", dispatch);
    server_.Put(".*", dispatch);
    server_.Delete(".*", dispatch);
    thread_ = std::thread([this] { server_.listen(socket_.c_str(), 80); });
    const bool listening = support::PollUntil(
        std::chrono::steady_clock::now() + std::chrono::seconds(5),
        [this] { return server_.is_running(); },
        support::Backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(50)));
    if (!listening) throw std::runtime_error("fake engine did not start within 5 s");
  }

  ~Engine() {
    stopping_ = true;
    server_.stop();
    thread_.join();
    ::unlink(socket_.c_str());
  }

  std::string host() const { return "unix://" + socket_; }
  // True once the destructor began: endless streams must end then.
  bool stopping() const { return stopping_; }

  // Answers `method` on `path` (exact, without version prefix or query).
  void On(const std::string& method, const std::string& path, Handler handler) {
    std::lock_guard lock(mutex_);
    routes_[method + " " + path] = std::move(handler);
  }
  void OnJson(const std::string& method, const std::string& path, int status, std::string body) {
    On(method, path, [status, body](const httplib::Request&, httplib::Response& response) {
      response.status = status;
      response.set_content(body, "application/json");
    });
  }

  std::vector<Recorded> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  // The last request to `method` `path` (unversioned); nullopt when none came.
  std::optional<Recorded> Last(const std::string& method, const std::string& path) const {
    std::lock_guard lock(mutex_);
    for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
      if (it->method == method && it->unversioned_path == path) return *it;
    }
    return std::nullopt;
  }

 private:
  void Dispatch(const httplib::Request& request, httplib::Response& response) {
    Recorded recorded{.method = request.method, .path = request.path, .body = request.body};
    static const std::regex kVersioned(R"(^/v[0-9]+\.[0-9]+(/.*)$)");
    std::smatch match;
    recorded.unversioned_path =
        std::regex_match(request.path, match, kVersioned) ? match[1].str() : request.path;
    for (const auto& [key, value] : request.params) recorded.query[key].push_back(value);
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(recorded);
      auto it = routes_.find(request.method + " " + recorded.unversioned_path);
      if (it != routes_.end()) handler = it->second;
    }
    if (handler) return handler(request, response);
    if (recorded.unversioned_path == "/_ping") {
      response.set_header("Api-Version", api_version_);
      response.set_content("OK", "text/plain");
      return;
    }
    response.status = 404;
    response.set_content(R"({"message":"fake engine: no route for )" + request.method + " " +
                             recorded.unversioned_path + R"("})",
                         "application/json");
  }

  std::string api_version_;
  std::string socket_;
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::map<std::string, Handler> routes_;
  std::vector<Recorded> requests_;
};

}  // namespace fake
