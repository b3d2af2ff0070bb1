#include "origin_policy.h"

#include <algorithm>
#include <cctype>

namespace mcp_server {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](unsigned char c) { return std::isdigit(c); });
}

// `origin` equals `entry`, or is `entry:PORT`.
bool Matches(std::string_view origin, std::string_view entry) {
  if (origin == entry) return true;
  return origin.size() > entry.size() + 1 && origin.starts_with(entry) &&
         origin[entry.size()] == ':' && AllDigits(origin.substr(entry.size() + 1));
}

}  // namespace

OriginPolicy::OriginPolicy(std::vector<std::string> allowed) : allowed_(std::move(allowed)) {
  if (allowed_.empty()) allowed_ = {"http://localhost", "http://127.0.0.1", "http://[::1]"};
}

bool OriginPolicy::Allows(std::string_view origin) const {
  return std::ranges::any_of(
      allowed_, [&](const std::string& entry) { return entry == "*" || Matches(origin, entry); });
}

}  // namespace mcp_server
