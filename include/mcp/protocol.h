#pragma once
// MCP constants shared by the server and its tests: protocol versions and the
// Streamable HTTP header names.

#include <array>
#include <string_view>

namespace mcp {

// Header carrying the session id issued on the initialize response.
inline constexpr std::string_view kSessionIdHeader = "Mcp-Session-Id";
// Header a client sends after initialize with the negotiated version.
inline constexpr std::string_view kProtocolVersionHeader = "MCP-Protocol-Version";

// Protocol revisions this project speaks, oldest first.
inline constexpr std::array<std::string_view, 3> kSupportedProtocolVersions = {
    "2025-03-26", "2025-06-18", "2025-11-25"};
inline constexpr std::string_view kLatestProtocolVersion = kSupportedProtocolVersions.back();

// True when `version` is one of kSupportedProtocolVersions.
bool IsSupportedProtocolVersion(std::string_view version);

// The version to answer an initialize request with: the client's when
// supported, otherwise the latest one (the client then decides whether to go on).
std::string_view NegotiateProtocolVersion(std::string_view requested);

}  // namespace mcp
