#pragma once
// An httplib::Stream over one accepted, blocking socket, for a server's own
// connection loop (http_server.h). Compared with httplib 0.11's SocketStream
// it makes 2 network system calls per keep-alive exchange instead of 10:
//  * a response's header block goes out together with its body, in one
//    sendmsg(), when the headers announce a Content-Length (the body follows
//    in the very next write); anything else (100 Continue, a chunked stream's
//    headers and chunks) is sent at once, so streams are never held back;
//  * no poll() before a send: the socket's SO_SNDTIMEO bounds it;
//  * no poll() before a receive: it blocks at most kWaitSlice, and a read
//    repeats it until the read timeout;
//  * the peer's and the local address are looked up once per connection.

#include <httplib.h>

#include <chrono>
#include <string>
#include <vector>

namespace support {

class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int socket, std::chrono::microseconds read_timeout,
                   std::chrono::microseconds write_timeout);

  // How long one receive blocks: the granularity of WaitReadable().
  static constexpr std::chrono::milliseconds kWaitSlice{100};

  enum class Wait { kReady, kTimedOut, kBroken };
  // Waits at most kWaitSlice until bytes arrive (a request, or the peer
  // closing, which the next read then reports) or are buffered already.
  Wait WaitReadable();
  // Sends what a write held back. False when the connection broke.
  bool Flush();

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return socket_; }

 private:
  // One recv() into the buffer (blocking at most kWaitSlice).
  Wait Receive();
  // Sends `held_` and then `size` bytes at `ptr` in one sendmsg() loop.
  bool SendAll(const char* ptr, size_t size);

  int socket_;
  std::chrono::microseconds read_timeout_;
  int write_timeout_ms_;
  std::vector<char> read_buffer_;
  size_t read_begin_ = 0;
  size_t read_end_ = 0;
  bool at_end_ = false;  // the peer closed its side
  std::string held_;     // a header block waiting for its body
  std::string remote_ip_;
  int remote_port_ = 0;
  std::string local_ip_;
  int local_port_ = 0;
};

}  // namespace support
