#include "http_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include "connection_stream.h"

namespace support {
namespace {

std::chrono::microseconds Duration(time_t seconds, time_t microseconds) {
  return std::chrono::seconds(seconds) + std::chrono::microseconds(microseconds);
}

}  // namespace

bool HttpServer::process_and_close_socket(socket_t sock) {
  ConnectionStream stream(sock, Duration(read_timeout_sec_, read_timeout_usec_),
                          Duration(write_timeout_sec_, write_timeout_usec_));
  bool ok = false;
  for (size_t left = keep_alive_max_count_; left > 0 && WaitForRequest(stream); --left) {
    bool connection_closed = false;
    ok = process_request(stream, /*close_connection=*/left == 1, connection_closed, nullptr);
    ok = stream.Flush() && ok;
    if (!ok || connection_closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

bool HttpServer::WaitForRequest(ConnectionStream& stream) const {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  while (svr_sock_ != INVALID_SOCKET) {
    switch (stream.WaitReadable()) {
      case ConnectionStream::Wait::kReady:
        return true;
      case ConnectionStream::Wait::kBroken:
        return false;
      case ConnectionStream::Wait::kTimedOut:
        if (std::chrono::steady_clock::now() >= deadline) return false;
        break;
    }
  }
  return false;
}

}  // namespace support
