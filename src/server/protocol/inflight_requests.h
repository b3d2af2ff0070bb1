#pragma once
// The client requests being served right now, so notifications/cancelled can
// reach the one it names: each registration owns a flag the handler polls
// (a chat tool hands it to the provider as its abort hook). Thread-safe.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace mcp_server {

class InflightRequests {
 public:
  using Flag = std::shared_ptr<std::atomic<bool>>;

  // Keeps a request registered until destroyed.
  class Registration {
   public:
    Registration() = default;
    Registration(InflightRequests* owner, std::string key, Flag flag)
        : owner_(owner), key_(std::move(key)), flag_(std::move(flag)) {}
    Registration(Registration&& other) noexcept;
    Registration& operator=(Registration&&) = delete;
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    ~Registration();

    // True once the client cancelled the request.
    const Flag& cancelled() const { return flag_; }

   private:
    InflightRequests* owner_ = nullptr;
    std::string key_;
    Flag flag_;
  };

  // Registers request `id` of `session`.
  Registration Register(const std::string& session, const nlohmann::json& id);

  // Marks request `id` of `session` cancelled; false when it is not in flight.
  bool Cancel(const std::string& session, const nlohmann::json& id);

  std::size_t size() const;

 private:
  static std::string Key(const std::string& session, const nlohmann::json& id);
  void Release(const std::string& key, const Flag& flag);

  mutable std::mutex mu_;
  std::map<std::string, Flag> requests_;
};

}  // namespace mcp_server
