#include "http_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "connection_stream.h"

namespace support {
namespace {

std::chrono::microseconds Duration(time_t seconds, time_t microseconds) {
  return std::chrono::seconds(seconds) + std::chrono::microseconds(microseconds);
}

// httplib's pool, counting the connections that wait for a worker.
class CountingPool final : public httplib::ThreadPool {
 public:
  CountingPool(std::size_t workers, std::atomic<int>& waiting)
      : ThreadPool(workers), waiting_(waiting) {}

  void enqueue(std::function<void()> serve) override {
    ++waiting_;
    ThreadPool::enqueue([&waiting = waiting_, serve = std::move(serve)] {
      --waiting;
      serve();
    });
  }

 private:
  std::atomic<int>& waiting_;
};

}  // namespace

HttpServer::HttpServer(std::size_t workers) : workers_(static_cast<int>(workers)) {
  new_task_queue = [this, workers] { return new CountingPool(workers, waiting_); };
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  ++serving_;
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
  --serving_;
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
        // Idle while a connection waits for a worker that none will free.
        if (waiting_ > 0 && serving_ >= workers_) return false;
        break;
    }
  }
  return false;
}

}  // namespace support
