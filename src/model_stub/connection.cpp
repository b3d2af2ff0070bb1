#include "connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <filesystem>
#include <string>
#include <system_error>

namespace model_stub {
namespace {

struct Endpoint {
  std::string address;
  int port = -1;
};

Endpoint EndpointOf(const sockaddr_storage& address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text.data(), text.size());
    return {text.data(), ntohs(v4.sin_port)};
  }
  if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text.data(), text.size());
    return {text.data(), ntohs(v6.sin6_port)};
  }
  return {};
}

bool Same(const Endpoint& endpoint, const std::string& address, int port) {
  return endpoint.port == port && endpoint.address == address;
}

}  // namespace

// httplib 0.11 gives a handler no access to its socket, so the socket is
// found among the process's descriptors by its 4-tuple, which is unique.
bool DropConnection(const httplib::Request& req) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_size = sizeof(local);
    socklen_t peer_size = sizeof(peer);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) continue;
    if (!Same(EndpointOf(local), req.local_addr, req.local_port)) continue;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) continue;
    if (!Same(EndpointOf(peer), req.remote_addr, req.remote_port)) continue;
    return shutdown(fd, SHUT_RDWR) == 0;
  }
  return false;
}

}  // namespace model_stub
