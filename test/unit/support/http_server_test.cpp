#include "http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "connection_stream.h"
#include "poll_until.h"

namespace support {
namespace {

using std::chrono::seconds;

// A support::HttpServer with two workers and a 60 s keep-alive on an
// ephemeral loopback port, listening on a thread of its own, with a plain
// route and a streamed one whose second chunk waits for the test.
class HttpServerTest : public ::testing::Test {
 protected:
  static constexpr size_t kWorkers = 2;

  void SetUp() override {
    server_.set_keep_alive_timeout(60);
    server_.Get("/hello", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("hello from " + req.remote_addr, "text/plain");
    });
    server_.Get("/stream", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain",
                                       [this](size_t offset, httplib::DataSink& sink) {
                                         if (offset == 0) {
                                           sink.write("first;", 6);
                                           return true;
                                         }
                                         second_chunk_.wait();
                                         sink.write("second", 6);
                                         sink.done();
                                         return true;
                                       });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    listening_ = std::async(std::launch::async, [this] { return server_.listen_after_bind(); });
    ASSERT_TRUE(support::PollUntil(std::chrono::steady_clock::now() + seconds(5),
                                   [this] { return server_.is_running(); }));
  }
  void TearDown() override {
    release_second_chunk_();
    server_.stop();
    if (listening_.valid()) listening_.wait();
  }

  // A connected, blocking TCP socket to the server (-1 on failure).
  int Connect() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }

  // Sends GET /hello on `fd` and reads the whole answer (false on failure).
  static bool Hello(int fd) {
    const std::string request = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size())) {
      return false;
    }
    std::string answer;
    char buffer[1024];
    while (!answer.ends_with("hello from 127.0.0.1")) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return false;
      answer.append(buffer, static_cast<size_t>(n));
    }
    return true;
  }

  support::HttpServer server_{kWorkers};
  int port_ = 0;
  std::future<bool> listening_;
  std::promise<void> second_chunk_promise_;
  std::shared_future<void> second_chunk_ = second_chunk_promise_.get_future().share();
  std::once_flag released_;
  std::function<void()> release_second_chunk_ = [this] {
    std::call_once(released_, [this] { second_chunk_promise_.set_value(); });
  };
};

TEST_F(HttpServerTest, AnswersManyRequestsOnOneKeepAliveConnection) {
  httplib::Client client("127.0.0.1", port_);
  client.set_keep_alive(true);
  for (int i = 0; i < 20; ++i) {
    const auto res = client.Get("/hello");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, "hello from 127.0.0.1") << "the peer's address reaches the handler";
  }
  EXPECT_EQ(client.Get("/missing")->status, 404);
}

TEST_F(HttpServerTest, AStreamedResponseArrivesChunkByChunk) {
  httplib::Client client("127.0.0.1", port_);
  std::promise<std::string> first;
  std::string all;
  std::thread release([&] {
    // The first chunk arrives while the provider still waits for the second.
    auto arrived = first.get_future();
    if (arrived.wait_for(seconds(5)) == std::future_status::ready) {
      EXPECT_EQ(arrived.get(), "first;");
    } else {
      ADD_FAILURE() << "the first chunk was held back";
    }
    release_second_chunk_();
  });
  bool first_seen = false;
  const auto res = client.Get("/stream", [&](const char* data, size_t length) {
    all.append(data, length);
    if (!first_seen) {
      first_seen = true;
      first.set_value(all);
    }
    return true;
  });
  release.join();
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(all, "first;second");
}

TEST_F(HttpServerTest, StopEndsAnIdleKeepAliveConnectionPromptly) {
  // As httplib's own loop does: an idle connection does not hold stop() up
  // for its keep-alive timeout.
  const int fd = Connect();
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(Hello(fd));  // the connection stays open, idle
  char buffer[64];
  const auto stopping = std::chrono::steady_clock::now();
  server_.stop();
  ASSERT_EQ(listening_.wait_for(seconds(3)), std::future_status::ready)
      << "listen() still waits for the idle connection";
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, seconds(3));
  EXPECT_EQ(::recv(fd, buffer, sizeof buffer, 0), 0) << "the server closed the connection";
  ::close(fd);
}
TEST_F(HttpServerTest, AnIdleConnectionGivesItsWorkerUpToAConnectionThatWaits) {
  // Both workers hold an idle keep-alive connection (60 s keep-alive)...
  const int first = Connect();
  const int second = Connect();
  ASSERT_GE(first, 0);
  ASSERT_GE(second, 0);
  ASSERT_TRUE(Hello(first));
  ASSERT_TRUE(Hello(second));
  // ...so a third connection waits for a worker: one idle connection must
  // end within a wait slice, not after 60 s.
  const int third = Connect();
  ASSERT_GE(third, 0);
  timeval limit{.tv_sec = 5, .tv_usec = 0};
  ASSERT_EQ(::setsockopt(third, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit), 0);
  EXPECT_TRUE(Hello(third)) << "the third connection got no worker within 5 s";
  // An idle connection was closed, in order (FIN, not reset).
  char buffer[64];
  int closed = 0;
  for (const int fd : {first, second}) {
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 0) > 0 && ::recv(fd, buffer, sizeof buffer, 0) == 0) ++closed;
  }
  EXPECT_GE(closed, 1);
  for (const int fd : {first, second, third}) ::close(fd);
}

TEST_F(HttpServerTest, AnIdleConnectionStaysOpenWhileWorkersAreFree) {
  const int fd = Connect();
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(Hello(fd));
  // Several wait slices later, the same connection still answers.
  pollfd entry{fd, POLLIN, 0};
  EXPECT_EQ(::poll(&entry, 1, 5 * static_cast<int>(ConnectionStream::kWaitSlice.count())), 0)
      << "the server closed an idle connection it had a worker for";
  EXPECT_TRUE(Hello(fd));
  ::close(fd);
}

}  // namespace
}  // namespace support
