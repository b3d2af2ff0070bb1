#pragma once
// HTTP to the daemon with libcurl: one request at a time per easy handle,
// handles pooled so connections are reused, any number of threads.

#include <curl/curl.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "docker/types.h"
#include "endpoint.h"

namespace docker {

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // with the version prefix and query string
  std::string body;
  std::string body_file;  // when set, the body is streamed from this file
  std::string content_type = "application/json";
  Milliseconds timeout{60000};
  // When set, the response body is passed here as it arrives instead of being
  // collected (only for 2xx answers; error bodies are always collected).
  // Returning false ends the transfer early: the answer is then `cancelled`.
  std::function<bool(std::string_view)> on_data;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool cancelled = false;  // on_data asked to stop before the answer ended
};

class Transport {
 public:
  Transport(Endpoint endpoint, Milliseconds connect_timeout);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Sends the request. Throws Unreachable when no connection could be made and
  // Timeout when the deadline passed; any HTTP status is returned as is.
  HttpResponse Send(const HttpRequest& request);

  const Endpoint& endpoint() const { return endpoint_; }

 private:
  CURL* Acquire();
  void Release(CURL* handle);

  Endpoint endpoint_;
  Milliseconds connect_timeout_;
  std::mutex mutex_;
  std::vector<CURL*> idle_;
};

// Points `curl` at `endpoint` (unix socket or TLS files) with `connect_timeout`.
void ApplyEndpoint(CURL* curl, const Endpoint& endpoint, Milliseconds connect_timeout);

// "?a=1&b=x%20y" from pairs (values URL-encoded); pairs with empty values are skipped.
std::string Query(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace docker
