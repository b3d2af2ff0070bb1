#include "connection_stream.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace support {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A ConnectionStream on one end of a socket pair; the test plays the peer.
class ConnectionStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int ends[2] = {-1, -1};
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, ends), 0);
    ours_ = ends[0];
    peer_ = ends[1];
  }
  void TearDown() override {
    if (ours_ >= 0) ::close(ours_);
    if (peer_ >= 0) ::close(peer_);
  }

  // Whether the peer has bytes to read right now.
  bool PeerHasBytes() const {
    pollfd entry{peer_, POLLIN, 0};
    return ::poll(&entry, 1, 0) > 0;
  }
  // What the peer reads in one recv(), waiting at most 2 s for it.
  std::string PeerReadsOnce() const {
    pollfd entry{peer_, POLLIN, 0};
    if (::poll(&entry, 1, 2000) <= 0) return "";
    char buffer[65536];
    const ssize_t n = ::recv(peer_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "";
  }
  void PeerSends(const std::string& bytes) const {
    ASSERT_EQ(::send(peer_, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
  }

  int ours_ = -1;
  int peer_ = -1;
};

constexpr char kHeadersWithLength[] =
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\n";

TEST_F(ConnectionStreamTest, SendsHeadersThatAnnounceALengthTogetherWithTheBody) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  const std::string headers = kHeadersWithLength;
  ASSERT_EQ(stream.write(headers.data(), headers.size()), static_cast<ssize_t>(headers.size()));
  EXPECT_FALSE(PeerHasBytes()) << "the header block should wait for its body";
  ASSERT_EQ(stream.write("hello", 5), 5);
  EXPECT_EQ(PeerReadsOnce(), headers + "hello");
}

TEST_F(ConnectionStreamTest, SendsAStreamsHeadersAndChunksAtOnce) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  const std::string headers =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  ASSERT_EQ(stream.write(headers.data(), headers.size()), static_cast<ssize_t>(headers.size()));
  EXPECT_EQ(PeerReadsOnce(), headers);
  ASSERT_EQ(stream.write("5\r\nhello\r\n", 10), 10);
  EXPECT_EQ(PeerReadsOnce(), "5\r\nhello\r\n");
}

TEST_F(ConnectionStreamTest, SendsAnInterimResponseAtOnce) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
  ASSERT_EQ(stream.write(interim.data(), interim.size()), static_cast<ssize_t>(interim.size()));
  EXPECT_EQ(PeerReadsOnce(), interim);
}

TEST_F(ConnectionStreamTest, FlushSendsHeadersWhoseBodyNeverCame) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  const std::string headers = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
  ASSERT_EQ(stream.write(headers.data(), headers.size()), static_cast<ssize_t>(headers.size()));
  EXPECT_FALSE(PeerHasBytes());
  ASSERT_TRUE(stream.Flush());
  EXPECT_EQ(PeerReadsOnce(), headers);
  EXPECT_TRUE(stream.Flush()) << "nothing is left to send";
  EXPECT_FALSE(PeerHasBytes());
}

TEST_F(ConnectionStreamTest, SendsALargeBodyWholeAndInOrder) {
  ConnectionStream stream(ours_, seconds(5), seconds(5));
  std::string body(8 * 1024 * 1024, '\0');
  for (size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 26);
  const std::string headers =
      "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  std::string received;
  std::thread reader([&] {
    char buffer[65536];
    while (received.size() < headers.size() + body.size()) {
      const ssize_t n = ::recv(peer_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<size_t>(n));
    }
  });
  EXPECT_EQ(stream.write(headers.data(), headers.size()), static_cast<ssize_t>(headers.size()));
  EXPECT_EQ(stream.write(body.data(), body.size()), static_cast<ssize_t>(body.size()));
  reader.join();
  EXPECT_TRUE(received == headers + body) << "received " << received.size() << " bytes";
}

TEST_F(ConnectionStreamTest, ReadsWhatThePeerSentThenReportsItsClose) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  PeerSends("GET / HTTP/1.1\r\n");
  ASSERT_EQ(stream.WaitReadable(), ConnectionStream::Wait::kReady);
  char buffer[64];
  ASSERT_EQ(stream.read(buffer, 3), 3);
  EXPECT_EQ(std::string(buffer, 3), "GET");
  EXPECT_EQ(stream.read(buffer, sizeof buffer), 13) << "the rest, from the buffer";
  ::shutdown(peer_, SHUT_WR);
  EXPECT_EQ(stream.WaitReadable(), ConnectionStream::Wait::kReady);
  EXPECT_EQ(stream.read(buffer, sizeof buffer), 0);
}

TEST_F(ConnectionStreamTest, AWaitWithoutBytesEndsAfterOneSlice) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(stream.WaitReadable(), ConnectionStream::Wait::kTimedOut);
  EXPECT_GE(std::chrono::steady_clock::now() - started, ConnectionStream::kWaitSlice / 2);
}

TEST_F(ConnectionStreamTest, AReadGivesUpAfterTheReadTimeout) {
  ConnectionStream stream(ours_, milliseconds(300), seconds(1));
  char byte = 0;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(stream.read(&byte, 1), -1);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, milliseconds(250));
  EXPECT_LT(waited, seconds(5));
}

TEST_F(ConnectionStreamTest, ASendToAClosedPeerFails) {
  ConnectionStream stream(ours_, seconds(1), seconds(1));
  ::close(peer_);
  peer_ = -1;
  EXPECT_EQ(stream.write("5\r\nhello\r\n", 10), -1);
}

}  // namespace
}  // namespace support
