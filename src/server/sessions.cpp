#include "sessions.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace mcp_server {

std::string SessionRegistry::Create(std::string protocol_version) {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed: cannot issue a session id");
  }
  std::string id;
  id.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) id += fmt::format("{:02x}", b);

  std::lock_guard lock(mu_);
  sessions_[id] = McpSession{std::move(protocol_version), std::chrono::steady_clock::now()};
  return id;
}

std::optional<McpSession> SessionRegistry::Find(std::string_view id) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(std::string(id));
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

bool SessionRegistry::End(std::string_view id) {
  std::lock_guard lock(mu_);
  return sessions_.erase(std::string(id)) > 0;
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::string SessionLogTag(std::string_view id) {
  if (id.empty()) return "-";
  return std::string(id.substr(0, 8));
}

}  // namespace mcp_server
