#include "health_probe.h"

#include <charconv>
#include <string_view>

namespace e2e {
namespace {

// "http://127.0.0.1:8000/healthz" -> {8000, "/healthz"}; nullopt for anything else.
std::optional<HttpHealthProbe> LoopbackHttpUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return std::nullopt;
  url.remove_prefix(kScheme.size());
  const auto path_start = url.find_first_of("/?");
  std::string_view authority = url.substr(0, path_start);
  HttpHealthProbe probe;
  if (path_start != std::string_view::npos) {
    probe.path = std::string(url.substr(path_start));
    if (probe.path.front() == '?') probe.path.insert(0, "/");
  }
  std::string_view host = authority;
  if (const auto colon = authority.rfind(':');
      colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    const std::string_view digits = authority.substr(colon + 1);
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), probe.port);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        probe.port < 1 || probe.port > 65535) {
      return std::nullopt;
    }
  }
  if (host != "127.0.0.1" && host != "localhost" && host != "[::1]") return std::nullopt;
  return probe;
}

}  // namespace

std::optional<HttpHealthProbe> HttpProbeOf(const HealthcheckSpec& check) {
  if (check.test.size() < 3 || check.test[0] != "CMD") return std::nullopt;
  std::optional<HttpHealthProbe> probe;
  for (std::size_t i = 2; i < check.test.size(); ++i) {
    const std::string& argument = check.test[i];
    if (argument.starts_with("-")) continue;
    if (probe) return std::nullopt;  // a second non-flag argument: not a plain GET
    probe = LoopbackHttpUrl(argument);
    if (!probe) return std::nullopt;
  }
  return probe;
}

}  // namespace e2e
