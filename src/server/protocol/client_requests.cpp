#include "client_requests.h"

#include <algorithm>

namespace mcp_server {

std::string ClientRequests::Open(const std::string& session) {
  std::lock_guard lock(mu_);
  std::string id = "s-" + std::to_string(++next_id_);
  pending_[id] = Pending{session, std::nullopt};
  return id;
}

ClientAnswer ClientRequests::Wait(const std::string& id, Clock::time_point deadline,
                                  const std::function<bool()>& abandoned) {
  std::unique_lock lock(mu_);
  std::optional<nlohmann::json> response;
  while (true) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return {std::nullopt, "request " + id + " was never opened"};
    if (it->second.response) {
      response = std::move(it->second.response);
      pending_.erase(it);
      break;
    }
    const auto now = Clock::now();
    if (now >= deadline || (abandoned && abandoned())) {
      pending_.erase(it);
      return {std::nullopt,
              now >= deadline ? "the client did not answer in time" : "the request was cancelled"};
    }
    // Woken by Deliver; the 50 ms bound is a poll of `abandoned`, which has no signal.
    answered_.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(50)));
  }
  if (response->contains("result")) return {(*response)["result"], ""};
  const auto& error = response->value("error", nlohmann::json::object());
  return {std::nullopt,
          "the client answered with an error: " +
              (error.is_object() ? error.value("message", error.dump()) : error.dump())};
}

bool ClientRequests::Deliver(const std::string& session, const nlohmann::json& response) {
  if (!response.is_object() || !response.contains("id") || !response["id"].is_string()) {
    return false;
  }
  std::lock_guard lock(mu_);
  auto it = pending_.find(response["id"].get<std::string>());
  if (it == pending_.end() || it->second.session != session || it->second.response) return false;
  it->second.response = response;
  answered_.notify_all();
  return true;
}

std::size_t ClientRequests::open_count() const {
  std::lock_guard lock(mu_);
  return pending_.size();
}

}  // namespace mcp_server
