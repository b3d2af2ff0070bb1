#pragma once
// httplib::Server with its own loop for each connection (httplib 0.11 lets a
// subclass replace it):
//  * Speed. Each keep-alive exchange goes through a ConnectionStream, one
//    recv() and one sendmsg() for a request and its answer where httplib's
//    own stream makes ten (a poll() before every read and write, headers
//    and body sent apart, the peer's address looked up anew).
//  * Long keep-alive without starving anyone. A connection holds a worker
//    thread while it is open, idle or not. Here an idle connection gives its
//    worker up, within ConnectionStream::kWaitSlice, as soon as every worker
//    is taken and another connection waits for one; otherwise it stays open
//    for the keep-alive timeout. So that timeout can be longer than a
//    client's connection pool keeps idle sockets, which is what avoids the
//    client reusing a socket the server is closing (see server.cpp).
// Between requests a connection also ends within kWaitSlice of stop().
// Everything HTTP (parsing, routing, writing responses) is still httplib's.

#include <httplib.h>

#include <atomic>
#include <cstddef>

namespace support {

class ConnectionStream;

class HttpServer : public httplib::Server {
 public:
  // `workers` threads serve the connections, one connection each at a time.
  explicit HttpServer(std::size_t workers);

 private:
  bool process_and_close_socket(socket_t sock) override;
  // Until a request arrives on `stream` (true), or its keep-alive time
  // passes, it breaks, the server stops or another connection needs its
  // worker (false).
  bool WaitForRequest(ConnectionStream& stream) const;

  const int workers_;
  std::atomic<int> serving_{0};  // connections a worker runs now
  std::atomic<int> waiting_{0};  // accepted connections no worker runs yet
};

}  // namespace support
