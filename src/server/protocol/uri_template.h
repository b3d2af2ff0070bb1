#pragma once
// RFC 6570 level-1 URI templates as MCP resource templates use them
// ("test://template/{id}/data"): matching a URI against one, and the names of
// its variables. A variable matches one or more characters other than '/'.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mcp_server {

// The variables' values when `uri` matches `uri_template`; nullopt otherwise.
std::optional<std::map<std::string, std::string>> MatchUriTemplate(const std::string& uri_template,
                                                                   const std::string& uri);

// The variable names of `uri_template`, in order.
std::vector<std::string> UriTemplateVariables(const std::string& uri_template);

}  // namespace mcp_server
