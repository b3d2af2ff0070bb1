#include "live_config.h"

#include <fmt/format.h>

#include <charconv>

namespace model_stub {
namespace {

constexpr std::string_view kVertexPrefix = "/v1/projects/";
constexpr std::string_view kLocationPlaceholder = "{location}";

// The {l} of /v1/projects/{p}/locations/{l}/..., or "" for other paths.
std::string_view VertexLocation(std::string_view path) {
  if (!path.starts_with(kVertexPrefix)) return {};
  const auto locations = path.find("/locations/");
  if (locations == std::string_view::npos) return {};
  const auto start = locations + std::string_view("/locations/").size();
  const auto end = path.find('/', start);
  return path.substr(start, end == std::string_view::npos ? end : end - start);
}

std::string VertexBase(const std::string& base, std::string_view location) {
  const auto placeholder = base.find(kLocationPlaceholder);
  if (placeholder == std::string::npos) return base;
  // The global endpoint has no location prefix in its host name.
  if (location == "global" || location.empty()) {
    const bool prefix = base.compare(placeholder + kLocationPlaceholder.size(), 1, "-") == 0;
    return base.substr(0, placeholder) +
           base.substr(placeholder + kLocationPlaceholder.size() + (prefix ? 1 : 0));
  }
  return base.substr(0, placeholder) + std::string(location) +
         base.substr(placeholder + kLocationPlaceholder.size());
}

std::string WithoutTrailingSlash(std::string url) {
  while (url.ends_with('/')) url.pop_back();
  return url;
}

// Sets `target` from `name` when set and a positive integer.
std::string ReadMilliseconds(const GetEnv& getenv, const char* name,
                             std::chrono::milliseconds& target) {
  const auto text = getenv(name);
  if (!text || text->empty()) return "";
  long long value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) {
    return fmt::format("{}: must be a positive number of milliseconds (got \"{}\")", name, *text);
  }
  target = std::chrono::milliseconds(value);
  return "";
}

// Sets `target` from `name` when set and an integer in 0..64.
std::string ReadSlots(const GetEnv& getenv, const char* name, int& target) {
  const auto text = getenv(name);
  if (!text || text->empty()) return "";
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 0 || value > 64) {
    return fmt::format("{}: must be a number of slots from 0 to 64 (got \"{}\")", name, *text);
  }
  target = value;
  return "";
}

void ReadString(const GetEnv& getenv, const char* name, std::string& target) {
  if (auto value = getenv(name); value && !value->empty()) target = *value;
}

}  // namespace

std::optional<StubMode> ParseStubMode(std::string_view text) {
  if (text == "echo") return StubMode::kEcho;
  if (text == "passthrough") return StubMode::kPassthrough;
  if (text == "replay") return StubMode::kReplay;
  return std::nullopt;
}

std::string_view StubModeName(StubMode mode) {
  switch (mode) {
    case StubMode::kEcho:
      return "echo";
    case StubMode::kPassthrough:
      return "passthrough";
    case StubMode::kReplay:
      return "replay";
  }
  return "echo";
}

LiveConfigResult LiveConfigFromEnv(const GetEnv& getenv) {
  LiveConfigResult result;
  LiveConfig& config = result.config;
  if (auto mode = getenv("STUB_MODE"); mode && !mode->empty()) {
    const auto parsed = ParseStubMode(*mode);
    if (!parsed) {
      result.error =
          fmt::format("STUB_MODE: must be echo, passthrough or replay (got \"{}\")", *mode);
      return result;
    }
    config.mode = *parsed;
  }
  ReadString(getenv, "STUB_UPSTREAM_ANTHROPIC", config.anthropic);
  ReadString(getenv, "STUB_UPSTREAM_OPENAI", config.openai);
  ReadString(getenv, "STUB_UPSTREAM_GEMINI", config.gemini);
  ReadString(getenv, "STUB_UPSTREAM_VERTEX", config.vertex);
  ReadString(getenv, "STUB_UPSTREAM_CA_BUNDLE", config.ca_bundle);
  ReadString(getenv, "STUB_UPSTREAM_KEY_ANTHROPIC", config.keys.anthropic);
  ReadString(getenv, "STUB_UPSTREAM_KEY_OPENAI", config.keys.openai);
  ReadString(getenv, "STUB_UPSTREAM_KEY_GEMINI", config.keys.gemini);
  ReadString(getenv, "STUB_UPSTREAM_TOKEN_VERTEX", config.keys.vertex);
  result.error =
      ReadMilliseconds(getenv, "STUB_UPSTREAM_CONNECT_TIMEOUT_MS", config.connect_timeout);
  if (result.error.empty()) {
    result.error = ReadMilliseconds(getenv, "STUB_UPSTREAM_TIMEOUT_MS", config.timeout);
  }
  ReadString(getenv, "STUB_LIVE_SLOTS_DIR", config.slots_dir);
  if (result.error.empty()) {
    result.error = ReadSlots(getenv, "STUB_LIVE_CONCURRENCY", config.concurrency);
  }
  if (result.error.empty()) {
    result.error = ReadMilliseconds(getenv, "STUB_LIVE_SLOT_TIMEOUT_MS", config.slot_timeout);
  }
  return result;
}

std::string UpstreamUrl(const LiveConfig& config, Provider provider, std::string_view path,
                        std::string_view query) {
  std::string base;
  if (path.starts_with(kVertexPrefix)) {
    base = VertexBase(config.vertex, VertexLocation(path));
  } else if (provider == Provider::kAnthropic) {
    base = config.anthropic;
  } else if (provider == Provider::kGemini) {
    base = config.gemini;
  } else {
    base = config.openai;
  }
  std::string url = WithoutTrailingSlash(std::move(base)) + std::string(path);
  if (!query.empty()) url += "?" + std::string(query);
  return url;
}

}  // namespace model_stub
