#pragma once
// How the stub answers provider requests, from its environment:
//   STUB_MODE                 echo (default) | passthrough | replay
//   STUB_UPSTREAM_ANTHROPIC   default https://api.anthropic.com
//   STUB_UPSTREAM_OPENAI      default https://api.openai.com
//   STUB_UPSTREAM_GEMINI      default https://generativelanguage.googleapis.com
//   STUB_UPSTREAM_VERTEX      default https://{location}-aiplatform.googleapis.com
//                             ({location} is taken from the request path;
//                             location "global" gives https://aiplatform.googleapis.com)
//   STUB_UPSTREAM_CONNECT_TIMEOUT_MS   default 10000
//   STUB_UPSTREAM_TIMEOUT_MS           default 600000, the whole exchange
//   STUB_UPSTREAM_CA_BUNDLE   a CA file for TLS (the image has no ca-certificates)
//   STUB_UPSTREAM_KEY_*, STUB_UPSTREAM_TOKEN_VERTEX   real keys (upstream_credentials.h)
//   STUB_LIVE_CONCURRENCY     default 0 (no ceiling): pass-through holds one of
//                             this many slots per upstream exchange, shared by
//                             every stub that uses the same
//   STUB_LIVE_SLOTS_DIR       default /var/lib/model-stub/live-slots (a volume
//                             all stacks on the machine mount, so the ceiling
//                             holds across test processes; live_semaphore.h)
//   STUB_LIVE_SLOT_TIMEOUT_MS default 600000: longest wait for a slot
// Base URLs carry no path: the request's path and query are appended as they
// came, so OpenAI's /v1/responses goes to https://api.openai.com/v1/responses.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "provider.h"
#include "upstream_credentials.h"

namespace model_stub {

enum class StubMode { kEcho, kPassthrough, kReplay };

// "echo", "passthrough", "replay"; nullopt for anything else.
std::optional<StubMode> ParseStubMode(std::string_view text);
std::string_view StubModeName(StubMode mode);

struct LiveConfig {
  StubMode mode = StubMode::kEcho;
  std::string anthropic = "https://api.anthropic.com";
  std::string openai = "https://api.openai.com";
  std::string gemini = "https://generativelanguage.googleapis.com";
  std::string vertex = "https://{location}-aiplatform.googleapis.com";
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{600'000};
  std::string ca_bundle;  // empty: libcurl's default
  UpstreamKeys keys;      // empty: the client's credentials go through
  int concurrency = 0;    // 0: no ceiling on upstream exchanges in flight
  std::string slots_dir = "/var/lib/model-stub/live-slots";
  std::chrono::milliseconds slot_timeout{600'000};
};

// Reads the variables above through `getenv` (injectable for tests). On a
// bad value, `error` names the variable and what it holds; `config` keeps
// the defaults.
struct LiveConfigResult {
  LiveConfig config;
  std::string error;
};
using GetEnv = std::function<std::optional<std::string>(const char* name)>;
LiveConfigResult LiveConfigFromEnv(const GetEnv& getenv);

// The upstream URL of a request of `provider` on `path` (+ "?" + `query`
// when not empty). Vertex paths (/v1/projects/{p}/locations/{l}/...) use
// `vertex` with {location} substituted.
std::string UpstreamUrl(const LiveConfig& config, Provider provider, std::string_view path,
                        std::string_view query);

}  // namespace model_stub
