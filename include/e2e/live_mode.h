#pragma once
// Which mode the scenarios run in, from the environment, and which provider
// keys live mode is missing. Never logs or returns a key's value.
//   E2E_LIVE=1              real providers, through the stub in pass-through mode
//   E2E_RECORD=1            with E2E_LIVE: write each test's cassette
//   E2E_REPLAY=0            offline: use the echo brain even where a cassette exists
//   E2E_LIVE_CONCURRENCY=N  provider calls in flight on the machine (default 6)
// Flags accept 1/0, true/false, yes/no, on/off (any case); unset or empty
// means the default.

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>

namespace e2e {

enum class LiveProvider { kAnthropic, kOpenAi, kGemini };

struct LiveSettings {
  bool live = false;
  bool record = false;
  bool replay = true;
  int concurrency = 6;
};

// Reads a variable; nullopt when unset. The default reads the process's
// environment; tests pass their own.
using EnvReader = std::function<std::optional<std::string>(const char* name)>;
EnvReader ProcessEnvironment();

// Throws std::invalid_argument naming the variable and its (non-secret)
// value when a flag or the concurrency (1..64) does not parse.
LiveSettings ReadLiveSettings(const EnvReader& env = ProcessEnvironment());

// Empty when `provider` can be called live; else a sentence naming what to
// set, for GTEST_SKIP, e.g. "live mode needs ANTHROPIC_API_KEY (not set)".
// Anthropic: ANTHROPIC_API_KEY; OpenAI: OPENAI_API_KEY; Gemini:
// GEMINI_API_KEY, or VERTEX_PROJECT and VERTEX_LOCATION (Google credentials
// are then the user's, e.g. GOOGLE_APPLICATION_CREDENTIALS).
std::string MissingCredentials(LiveProvider provider, const EnvReader& env = ProcessEnvironment());

// The first provider's message from the list, or empty when all are set.
std::string MissingCredentials(std::initializer_list<LiveProvider> providers,
                               const EnvReader& env = ProcessEnvironment());

// "live=1 record=0 replay=1 concurrency=6", for a test's log.
std::string Describe(const LiveSettings& settings);

}  // namespace e2e
