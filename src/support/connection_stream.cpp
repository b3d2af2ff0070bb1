#include "connection_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace support {
namespace {

constexpr size_t kReadBufferBytes = 4096;

int Milliseconds(std::chrono::microseconds duration) {
  return static_cast<int>(std::max<std::chrono::microseconds::rep>(1, duration.count() / 1000));
}

void SetTimeout(int socket, int option, std::chrono::microseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000000);
  tv.tv_usec = static_cast<suseconds_t>(duration.count() % 1000000);
  setsockopt(socket, SOL_SOCKET, option, &tv, sizeof tv);
}

// poll() for `events`, retried after a signal. >0 ready, 0 timeout, <0 error.
int PollFor(int socket, short events, int timeout_ms) {
  pollfd entry{socket, events, 0};
  int result = 0;
  do {
    result = ::poll(&entry, 1, timeout_ms);
  } while (result < 0 && errno == EINTR);
  return result;
}

// The numeric address `lookup` (getpeername or getsockname) gives `socket`.
void NumericAddress(int (*lookup)(int, sockaddr*, socklen_t*), int socket, std::string& ip,
                    int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (lookup(socket, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

// A response's status line and headers, announcing a body of known length:
// httplib writes that body in its very next write.
bool IsHeaderBlockWithLength(std::string_view bytes) {
  return bytes.starts_with("HTTP/1.") && bytes.ends_with("\r\n\r\n") &&
         bytes.find("\r\nContent-Length: ") != std::string_view::npos;
}

}  // namespace

ConnectionStream::ConnectionStream(int socket, std::chrono::microseconds read_timeout,
                                   std::chrono::microseconds write_timeout)
    : socket_(socket),
      read_timeout_(read_timeout),
      write_timeout_ms_(Milliseconds(write_timeout)),
      read_buffer_(kReadBufferBytes) {
  // A receive blocks at most one wait slice, so a wait needs no poll(); a
  // send is bounded by the write timeout, so it needs none either.
  SetTimeout(socket, SO_RCVTIMEO, kWaitSlice);
  SetTimeout(socket, SO_SNDTIMEO, write_timeout);
  NumericAddress(&getpeername, socket, remote_ip_, remote_port_);
  NumericAddress(&getsockname, socket, local_ip_, local_port_);
}

ConnectionStream::Wait ConnectionStream::WaitReadable() {
  if (read_begin_ < read_end_ || at_end_) return Wait::kReady;
  return Receive();
}

ConnectionStream::Wait ConnectionStream::Receive() {
  ssize_t received = 0;
  do {
    received = ::recv(socket_, read_buffer_.data(), read_buffer_.size(), 0);
  } while (received < 0 && errno == EINTR);
  if (received < 0) {
    return errno == EAGAIN || errno == EWOULDBLOCK ? Wait::kTimedOut : Wait::kBroken;
  }
  read_begin_ = 0;
  read_end_ = static_cast<size_t>(received);
  at_end_ = received == 0;
  return Wait::kReady;
}

bool ConnectionStream::is_readable() const {
  return read_begin_ < read_end_ || at_end_ ||
         PollFor(socket_, POLLIN, Milliseconds(read_timeout_)) > 0;
}

bool ConnectionStream::is_writable() const {
  return PollFor(socket_, POLLOUT, write_timeout_ms_) > 0;
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  // httplib reads a request's head a byte at a time: the buffered case first.
  if (read_begin_ == read_end_ && !at_end_) {
    const auto deadline = std::chrono::steady_clock::now() + read_timeout_;
    while (true) {
      const Wait wait = Receive();
      if (wait == Wait::kReady) break;
      if (wait == Wait::kBroken || std::chrono::steady_clock::now() >= deadline) return -1;
    }
  }
  const size_t count = std::min(size, read_end_ - read_begin_);
  std::memcpy(ptr, read_buffer_.data() + read_begin_, count);
  read_begin_ += count;
  return static_cast<ssize_t>(count);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (held_.empty() && IsHeaderBlockWithLength({ptr, size})) {
    held_.assign(ptr, size);
    return static_cast<ssize_t>(size);
  }
  return SendAll(ptr, size) ? static_cast<ssize_t>(size) : -1;
}

bool ConnectionStream::Flush() { return held_.empty() || SendAll(nullptr, 0); }

bool ConnectionStream::SendAll(const char* ptr, size_t size) {
  iovec parts[2] = {{held_.data(), held_.size()}, {const_cast<char*>(ptr), size}};
  iovec* next = held_.empty() ? parts + 1 : parts;
  size_t count = static_cast<size_t>(parts + 2 - next);
  while (true) {
    while (count > 0 && next->iov_len == 0) {
      ++next;
      --count;
    }
    if (count == 0) break;
    msghdr message{};
    message.msg_iov = next;
    message.msg_iovlen = count;
    const ssize_t sent = ::sendmsg(socket_, &message, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) {
      held_.clear();
      return false;  // broken, or SO_SNDTIMEO passed
    }
    for (auto left = static_cast<size_t>(sent); left > 0; ++next, --count) {
      const size_t used = std::min(left, next->iov_len);
      next->iov_base = static_cast<char*>(next->iov_base) + used;
      next->iov_len -= used;
      left -= used;
      if (next->iov_len > 0) break;
    }
  }
  held_.clear();
  return true;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = remote_ip_;
  port = remote_port_;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = local_ip_;
  port = local_port_;
}

}  // namespace support
