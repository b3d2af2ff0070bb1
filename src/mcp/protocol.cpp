#include "mcp/protocol.h"

#include <algorithm>

namespace mcp {

bool IsSupportedProtocolVersion(std::string_view version) {
  return std::ranges::find(kSupportedProtocolVersions, version) != kSupportedProtocolVersions.end();
}

std::string_view NegotiateProtocolVersion(std::string_view requested) {
  return IsSupportedProtocolVersion(requested) ? requested : kLatestProtocolVersion;
}

}  // namespace mcp
