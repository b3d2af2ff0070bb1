#include "transport.h"

#include <cstdio>
#include <memory>
#include <mutex>

#include "docker/errors.h"

namespace docker {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange {
  const HttpRequest* request;
  HttpResponse* response;
  CURL* curl;
  bool streaming = false;  // decided when the first body byte arrives
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // A new status line (e.g. after "100 Continue"): headers start over.
    exchange->response->headers.clear();
    return line.size();
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
    exchange->response->headers[name] = std::string(value);
  }
  return line.size();
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  std::string_view chunk(data, size * count);
  if (exchange->response->status == 0) {
    // Stream only successful answers; error bodies are collected for the message.
    long status = 0;
    curl_easy_getinfo(exchange->curl, CURLINFO_RESPONSE_CODE, &status);
    exchange->response->status = static_cast<int>(status);
    exchange->streaming = exchange->request->on_data && status >= 200 && status < 300;
  }
  if (exchange->streaming) {
    if (!exchange->request->on_data(chunk)) {
      exchange->response->cancelled = true;
      return 0;  // makes curl abort the transfer with CURLE_WRITE_ERROR
    }
  } else {
    exchange->response->body.append(chunk);
  }
  return chunk.size();
}

size_t OnReadFile(char* buffer, size_t size, size_t count, void* user) {
  return std::fread(buffer, size, count, static_cast<std::FILE*>(user)) * size;
}

}  // namespace

Transport::Transport(Endpoint endpoint, Milliseconds connect_timeout)
    : endpoint_(std::move(endpoint)), connect_timeout_(connect_timeout) {
  GlobalInitOnce();
}

Transport::~Transport() {
  for (CURL* handle : idle_) curl_easy_cleanup(handle);
}

CURL* Transport::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      CURL* handle = idle_.back();
      idle_.pop_back();
      curl_easy_reset(handle);  // keeps the connection cache, drops the options
      return handle;
    }
  }
  CURL* handle = curl_easy_init();
  if (handle == nullptr) throw std::bad_alloc();
  return handle;
}

void Transport::Release(CURL* handle) {
  std::lock_guard lock(mutex_);
  idle_.push_back(handle);
}

HttpResponse Transport::Send(const HttpRequest& request) {
  HttpResponse response;
  CURL* curl = Acquire();
  Exchange exchange{&request, &response, curl};
  struct Releaser {
    Transport* self;
    CURL* handle;
    ~Releaser() { self->Release(handle); }
  } releaser{this, curl};

  const std::string url = endpoint_.base_url + request.path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  ApplyEndpoint(curl, endpoint_, connect_timeout_);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);

  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);

  curl_slist* headers = nullptr;
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers_guard(nullptr, curl_slist_free_all);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, std::fclose);
  const bool has_body = !request.body.empty() || !request.body_file.empty();
  if (has_body) {
    headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  headers_guard.reset(headers);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (!request.body_file.empty()) {
    file.reset(std::fopen(request.body_file.c_str(), "rb"));
    if (!file) throw Error(request.method, request.path, 0, "cannot open " + request.body_file);
    std::fseek(file.get(), 0, SEEK_END);
    const long size = std::ftell(file.get());
    std::fseek(file.get(), 0, SEEK_SET);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);  // a PUT; CUSTOMREQUEST keeps the method
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, OnReadFile);
    curl_easy_setopt(curl, CURLOPT_READDATA, file.get());
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
  } else if (has_body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else if (request.method == "POST" || request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);
  }

  const CURLcode code = curl_easy_perform(curl);
  if (response.status == 0) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
  }
  if (code == CURLE_WRITE_ERROR && response.cancelled) return response;
  if (code == CURLE_OPERATION_TIMEDOUT) {
    throw Timeout(request.method, request.path, response.status,
                  "no complete answer from " + endpoint_.host + " within " +
                      std::to_string(request.timeout.count()) + " ms");
  }
  if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
      code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CERTPROBLEM ||
      code == CURLE_PEER_FAILED_VERIFICATION || (code != CURLE_OK && response.status == 0)) {
    throw Unreachable(request.method, request.path, 0,
                      "cannot reach the Docker daemon at " + endpoint_.host +
                          " (DOCKER_HOST): " + curl_easy_strerror(code));
  }
  if (code != CURLE_OK) {
    throw ServerError(request.method, request.path, response.status,
                      std::string("transfer failed: ") + curl_easy_strerror(code));
  }
  return response;
}

void ApplyEndpoint(CURL* curl, const Endpoint& endpoint, Milliseconds connect_timeout) {
  if (!endpoint.unix_socket.empty()) {
    curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, endpoint.unix_socket.c_str());
  }
  if (endpoint.tls) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, endpoint.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLCERT, endpoint.cert_file.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, endpoint.key_file.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
}

std::string Query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string query;
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    char* escaped = curl_easy_escape(nullptr, value.c_str(), static_cast<int>(value.size()));
    query += (query.empty() ? "?" : "&") + key + "=" + escaped;
    curl_free(escaped);
  }
  return query;
}

}  // namespace docker
