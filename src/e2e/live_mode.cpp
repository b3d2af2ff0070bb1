#include "e2e/live_mode.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace e2e {
namespace {

constexpr int kMaxConcurrency = 64;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool ReadFlag(const EnvReader& env, const char* name, bool fallback) {
  const auto value = env(name);
  if (!value || value->empty()) return fallback;
  const std::string text = Lower(*value);
  constexpr std::array<std::string_view, 4> kTrue = {"1", "true", "yes", "on"};
  constexpr std::array<std::string_view, 4> kFalse = {"0", "false", "no", "off"};
  if (std::find(kTrue.begin(), kTrue.end(), text) != kTrue.end()) return true;
  if (std::find(kFalse.begin(), kFalse.end(), text) != kFalse.end()) return false;
  throw std::invalid_argument(
      fmt::format("{}: must be 1 or 0 (or true/false, yes/no, on/off), got \"{}\"", name, *value));
}

int ReadConcurrency(const EnvReader& env, int fallback) {
  const auto value = env("E2E_LIVE_CONCURRENCY");
  if (!value || value->empty()) return fallback;
  int parsed = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error != std::errc() || end != value->data() + value->size() || parsed < 1 ||
      parsed > kMaxConcurrency) {
    throw std::invalid_argument(
        fmt::format("E2E_LIVE_CONCURRENCY: must be an integer from 1 to {}, got \"{}\"",
                    kMaxConcurrency, *value));
  }
  return parsed;
}

bool IsSet(const EnvReader& env, const char* name) {
  const auto value = env(name);
  return value && !value->empty();
}

}  // namespace

EnvReader ProcessEnvironment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

LiveSettings ReadLiveSettings(const EnvReader& env) {
  LiveSettings settings;
  settings.live = ReadFlag(env, "E2E_LIVE", settings.live);
  settings.record = ReadFlag(env, "E2E_RECORD", settings.record);
  settings.replay = ReadFlag(env, "E2E_REPLAY", settings.replay);
  settings.concurrency = ReadConcurrency(env, settings.concurrency);
  return settings;
}

std::string MissingCredentials(LiveProvider provider, const EnvReader& env) {
  switch (provider) {
    case LiveProvider::kAnthropic:
      return IsSet(env, "ANTHROPIC_API_KEY") ? "" : "live mode needs ANTHROPIC_API_KEY (not set)";
    case LiveProvider::kOpenAi:
      return IsSet(env, "OPENAI_API_KEY") ? "" : "live mode needs OPENAI_API_KEY (not set)";
    case LiveProvider::kGemini:
      if (IsSet(env, "GEMINI_API_KEY")) return "";
      if (IsSet(env, "VERTEX_PROJECT") && IsSet(env, "VERTEX_LOCATION")) return "";
      if (IsSet(env, "VERTEX_PROJECT")) {
        return "live mode needs GEMINI_API_KEY, or VERTEX_LOCATION with VERTEX_PROJECT "
               "(VERTEX_LOCATION not set)";
      }
      return "live mode needs GEMINI_API_KEY, or VERTEX_PROJECT and VERTEX_LOCATION (none set)";
  }
  return "";
}

std::string MissingCredentials(std::initializer_list<LiveProvider> providers,
                               const EnvReader& env) {
  for (const LiveProvider provider : providers) {
    if (auto missing = MissingCredentials(provider, env); !missing.empty()) return missing;
  }
  return "";
}

std::string Describe(const LiveSettings& settings) {
  return fmt::format("live={} record={} replay={} concurrency={}", settings.live ? 1 : 0,
                     settings.record ? 1 : 0, settings.replay ? 1 : 0, settings.concurrency);
}

}  // namespace e2e
