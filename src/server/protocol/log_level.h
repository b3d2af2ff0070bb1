#pragma once
// The eight syslog severities MCP logging uses (RFC 5424 order), as set by
// logging/setLevel and carried by notifications/message.

#include <optional>
#include <string_view>

namespace mcp_server {

enum class LogLevel { kDebug, kInfo, kNotice, kWarning, kError, kCritical, kAlert, kEmergency };

// nullopt when `name` is not one of "debug" ... "emergency".
std::optional<LogLevel> ParseLogLevel(std::string_view name);

std::string_view LogLevelName(LogLevel level);

}  // namespace mcp_server
