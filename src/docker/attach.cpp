// POST /containers/{id}/attach, hijacked (see hijacked_stream.h).
//
// libcurl offers no HTTP upgrade to a raw stream, so the request is written
// by hand on a CONNECT_ONLY connection (curl still does the unix socket or
// TLS), the answer's head is read up to its blank line, and from then on the
// connection carries the container's stdin. The socket is opened
// close-on-exec: a child process must not inherit it and keep it open after
// this process has died, or the container would never read EOF.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "docker/client.h"
#include "docker/hijacked_stream.h"
#include "transport.h"

namespace docker {

struct HijackedStream::Connection {
  CURL* curl = nullptr;
  ~Connection() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

namespace {

using Clock = std::chrono::steady_clock;
constexpr Milliseconds kWriteTimeout{10000};

curl_socket_t OpenCloseOnExec(void*, curlsocktype, curl_sockaddr* address) {
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Waits until the connection's socket is ready (to write or to read) or the
// deadline passes; false then.
bool AwaitSocket(CURL* curl, bool to_write, Clock::time_point deadline) {
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(curl, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK ||
      socket == CURL_SOCKET_BAD)
    return false;
  const auto left = std::chrono::duration_cast<Milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return false;
  pollfd ready{.fd = socket, .events = static_cast<short>(to_write ? POLLOUT : POLLIN)};
  return ::poll(&ready, 1, static_cast<int>(left)) > 0;
}

bool SendAll(CURL* curl, std::string_view bytes, Clock::time_point deadline) {
  while (!bytes.empty()) {
    size_t sent = 0;
    const CURLcode code = curl_easy_send(curl, bytes.data(), bytes.size(), &sent);
    if (code == CURLE_AGAIN) {
      if (!AwaitSocket(curl, true, deadline)) return false;
      continue;
    }
    if (code != CURLE_OK) return false;
    bytes.remove_prefix(sent);
  }
  return true;
}

// Reads until `done(answer)` holds, the peer closes or the deadline passes.
template <typename Done>
std::string Receive(CURL* curl, Clock::time_point deadline, Done done) {
  std::string answer;
  char buffer[4096];
  while (!done(answer)) {
    size_t received = 0;
    const CURLcode code = curl_easy_recv(curl, buffer, sizeof(buffer), &received);
    if (code == CURLE_AGAIN) {
      if (!AwaitSocket(curl, false, deadline)) break;
      continue;
    }
    if (code != CURLE_OK || received == 0) break;
    answer.append(buffer, received);
  }
  return answer;
}

// The Content-Length of an answer's head, 0 when it has none.
size_t ContentLength(const std::string& head) {
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = lower.find("\r\ncontent-length:");
  return at == std::string::npos ? 0 : std::stoul(head.substr(at + 17));
}

}  // namespace

HijackedStream::HijackedStream(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)) {}

HijackedStream::~HijackedStream() = default;

bool HijackedStream::Write(std::string_view bytes) {
  return connection_ && SendAll(connection_->curl, bytes, Clock::now() + kWriteTimeout);
}

void HijackedStream::Close() { connection_.reset(); }

std::unique_ptr<HijackedStream> Client::AttachStdin(const std::string& id) {
  const std::string path = "/v" + ApiVersion() + "/containers/" + id + "/attach?stream=1&stdin=1";
  const auto deadline = Clock::now() + options_.default_timeout;
  auto connection = std::make_unique<HijackedStream::Connection>();
  connection->curl = curl_easy_init();
  if (connection->curl == nullptr) throw std::bad_alloc();
  CURL* curl = connection->curl;
  const Endpoint& endpoint = transport().endpoint();
  curl_easy_setopt(curl, CURLOPT_URL, (endpoint.base_url + "/").c_str());
  ApplyEndpoint(curl, endpoint, options_.connect_timeout);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenCloseOnExec);
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  if (const CURLcode code = curl_easy_perform(curl); code != CURLE_OK) {
    throw Unreachable("POST", path, 0,
                      "cannot reach the Docker daemon at " + endpoint.host +
                          " (DOCKER_HOST): " + curl_easy_strerror(code));
  }
  const std::string host = endpoint.base_url.substr(endpoint.base_url.find("://") + 3);
  const std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + host +
                              "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                              "Content-Length: 0\r\n\r\n";
  if (!SendAll(curl, request, deadline)) {
    throw Timeout("POST", path, 0, "could not send the attach request to " + endpoint.host);
  }
  std::string answer = Receive(curl, deadline, [](const std::string& bytes) {
    return bytes.find("\r\n\r\n") != std::string::npos;
  });
  const size_t head_end = answer.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    throw Timeout("POST", path, 0, "no answer to the attach request from " + endpoint.host);
  }
  const int status = answer.size() > 12 ? std::atoi(answer.c_str() + 9) : 0;
  if (status == 101 || status == 200) {
    return std::make_unique<HijackedStream>(std::move(connection));
  }
  const std::string head = answer.substr(0, head_end);
  const size_t body_size = ContentLength(head);
  answer += Receive(curl, deadline, [&](const std::string& bytes) {
    return answer.size() + bytes.size() >= head_end + 4 + body_size;
  });
  ThrowForStatus("POST", path, status, answer.substr(head_end + 4));
}

}  // namespace docker
