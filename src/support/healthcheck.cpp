#include "healthcheck.h"

#include <httplib.h>

#include <cstdio>
#include <regex>
#include <string>

namespace support {

int RunHealthcheck(std::string_view url, std::chrono::milliseconds timeout) {
  static const std::regex kUrl(R"(^(http://[^/]+)(/.*)?$)");
  std::smatch m;
  std::string u(url);
  if (!std::regex_match(u, m, kUrl)) {
    std::fprintf(stderr, "healthcheck: not an http:// URL: %s\n", u.c_str());
    return 1;
  }
  httplib::Client client(m[1].str());
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  const std::string path = m[2].matched ? m[2].str() : "/";
  auto res = client.Get(path);
  if (!res) {
    std::fprintf(stderr, "healthcheck: %s: %s\n", u.c_str(),
                 httplib::to_string(res.error()).c_str());
    return 1;
  }
  if (res->status != 200) {
    std::fprintf(stderr, "healthcheck: %s answered %d\n", u.c_str(), res->status);
    return 1;
  }
  return 0;
}

}  // namespace support
