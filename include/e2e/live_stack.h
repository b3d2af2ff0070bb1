#pragma once
// What live mode (live_mode.h) changes in one test's stack, as variables of
// compose/stack.yml, and the files and reports of record and replay.
//
// Where keys live: only in the model-stub. Live mode hands the real keys from
// the environment to the stub alone (STUB_UPSTREAM_KEY_*, see
// docs/model-stub.md); the MCP server and Claude Code keep their offline
// placeholder keys and base URLs pointing at the stub, which swaps the
// placeholder for the real key on the way out. Only the stub joins the
// non-internal `egress` network; every other container stays on the
// internal stack network. Inspect JSON in artifacts is redacted.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/live_mode.h"

namespace e2e {

// How the stub answers in this test.
enum class StubAnswers { kEchoBrain, kRealProviders, kCassette };

// Live: the real providers. Offline: the cassette when replay is on and
// `cassette_exists`, else the echo brain.
StubAnswers ChooseStubAnswers(const LiveSettings& settings, bool cassette_exists);

// The stack file's variables for `answers`: E2E_STUB_MODE,
// E2E_EGRESS_INTERNAL, the stub's keys (E2E_STUB_KEY_ANTHROPIC, _OPENAI,
// _GEMINI, E2E_STUB_TOKEN_VERTEX, empty unless live), the stub's ceiling on
// provider calls in flight (E2E_STUB_LIVE_CONCURRENCY: E2E_LIVE_CONCURRENCY
// live, 0 otherwise) and, live with Vertex
// instead of a Gemini key, the server's E2E_VERTEX_PROJECT, E2E_VERTEX_LOCATION
// and E2E_GEMINI_BASE_URL. Every one is set, so nothing leaks in from the
// environment offline.
std::map<std::string, std::string> LiveStackVariables(StubAnswers answers,
                                                      const EnvReader& env = ProcessEnvironment());

// The first provider of `providers` whose credentials are missing, as
// MissingCredentials says it; empty when all are there.
std::string MissingCredentials(const std::vector<LiveProvider>& providers,
                               const EnvReader& env = ProcessEnvironment());

// $E2E_CASSETTES_DIR, else $E2E_FIXTURES_DIR/cassettes, else
// <source>/fixtures/cassettes.
std::string CassettesDir();
// <CassettesDir()>/<Suite>/<Test>.json; characters that do not belong in a
// file name (a parameterised test's '/') become '_'.
std::string CassettePath(const std::string& suite, const std::string& test);

// The stub's replay misses ({"misses": [...]}, docs/model-stub.md) as a test
// failure message: each request, the nearest recorded one and the first
// difference. Empty when there is none.
std::string DescribeReplayMisses(const nlohmann::json& misses);

}  // namespace e2e
