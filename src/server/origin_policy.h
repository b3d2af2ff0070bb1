#pragma once
// Decides whether a browser Origin may talk to /mcp. The MCP transport spec
// asks servers to validate Origin to defeat DNS rebinding against local servers.

#include <string>
#include <string_view>
#include <vector>

namespace mcp_server {

class OriginPolicy {
 public:
  // `allowed`: origins like "https://app.example" ("*" allows any). An entry
  // without a port also admits that origin with any port. Empty: localhost
  // and 127.0.0.1 over http, any port.
  explicit OriginPolicy(std::vector<std::string> allowed);

  // True when `origin` (the header value) is allowed.
  bool Allows(std::string_view origin) const;

 private:
  std::vector<std::string> allowed_;
};

}  // namespace mcp_server
