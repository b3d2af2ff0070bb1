#include "inflight_requests.h"

namespace mcp_server {

InflightRequests::Registration::Registration(Registration&& other) noexcept
    : owner_(other.owner_), key_(std::move(other.key_)), flag_(std::move(other.flag_)) {
  other.owner_ = nullptr;
}

InflightRequests::Registration::~Registration() {
  if (owner_) owner_->Release(key_, flag_);
}

std::string InflightRequests::Key(const std::string& session, const nlohmann::json& id) {
  return session + '\n' + id.dump();
}

InflightRequests::Registration InflightRequests::Register(const std::string& session,
                                                          const nlohmann::json& id) {
  auto flag = std::make_shared<std::atomic<bool>>(false);
  std::string key = Key(session, id);
  {
    std::lock_guard lock(mu_);
    // A client reusing an id while the first request runs: the newer one wins.
    requests_[key] = flag;
  }
  return Registration(this, std::move(key), std::move(flag));
}

bool InflightRequests::Cancel(const std::string& session, const nlohmann::json& id) {
  std::lock_guard lock(mu_);
  auto it = requests_.find(Key(session, id));
  if (it == requests_.end()) return false;
  it->second->store(true);
  return true;
}

void InflightRequests::Release(const std::string& key, const Flag& flag) {
  std::lock_guard lock(mu_);
  auto it = requests_.find(key);
  if (it != requests_.end() && it->second == flag) requests_.erase(it);
}

std::size_t InflightRequests::size() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

}  // namespace mcp_server
