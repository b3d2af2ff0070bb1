#pragma once
// httplib::Server with its own loop for each connection (httplib 0.11 lets a
// subclass replace it), for speed: each keep-alive exchange goes through a
// ConnectionStream, one recv() and one sendmsg() for a request and its
// answer where httplib's own stream makes about nine system calls (a poll()
// before every read and write, headers and body sent apart, the peer's
// address looked up anew). Between requests a connection waits in receives
// of ConnectionStream::kWaitSlice, so it ends within that time of stop().
// Everything HTTP (parsing, routing, writing responses) is still httplib's.

#include <httplib.h>

namespace support {

class ConnectionStream;

class HttpServer : public httplib::Server {
 private:
  bool process_and_close_socket(socket_t sock) override;
  // Until a request arrives on `stream` (true), or its keep-alive time
  // passes, it breaks or the server stops (false).
  bool WaitForRequest(ConnectionStream& stream) const;
};

}  // namespace support
