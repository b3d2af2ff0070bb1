// Proof of live mode, record and replay without the internet (issue 11): a
// second model-stub on the stack's egress network plays the real providers.
// CTest runs this binary three ways (test/live/CMakeLists.txt):
//   live.record                  E2E_LIVE=1 E2E_RECORD=1 with canary keys: the
//                                scenario goes through the pass-through stub to
//                                the stand-in and is recorded
//   live.replay                  offline: the same scenario, answered from the
//                                cassette, passes the same assertions
//   live.replay_changed_prompt   offline with another prompt: fails, naming the
//                                nearest recorded request and the difference
// In live mode every provider URL is the stand-in's, so this binary never
// reaches a real provider, whatever keys it is given.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/live_stack.h"
#include "e2e/paths.h"
#include "e2e/stack_test.h"
#include "provider_stand_in.h"

namespace {

using e2e_live::ProviderStandIn;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// E2E_PROOF_PROMPT_EXTRA changes the prompt (live.replay_changed_prompt).
std::string Prompt() {
  const std::string extra = Env("E2E_PROOF_PROMPT_EXTRA");
  return R"(call chat_with_o3 with {"instructions":"Repeat PROOF-7)" +
         (extra.empty() ? "" : " " + extra) + R"(","session_id":"proof-1"})";
}

class LiveProof : public e2e::StackTest {
 protected:
  std::vector<e2e::LiveProvider> Providers() const override {
    return {e2e::LiveProvider::kAnthropic, e2e::LiveProvider::kOpenAi};
  }

  e2e::StackOptions MakeOptions() const override {
    e2e::StackOptions options = StackTest::MakeOptions();
    for (const char* provider : {"STUB_UPSTREAM_ANTHROPIC", "STUB_UPSTREAM_OPENAI",
                                 "STUB_UPSTREAM_GEMINI", "STUB_UPSTREAM_VERTEX"}) {
      options.variables[provider] = ProviderStandIn::BaseUrl();
    }
    return options;
  }

  void SetUp() override {
    StackTest::SetUp();
    if (IsSkipped() || HasFatalFailure() || !e2e::ReadLiveSettings().live) return;
    stand_in_ = std::make_unique<ProviderStandIn>(
        docker(), stack(), e2e::ImageVariables().at("MODEL_STUB_IMAGE"), "egress");
  }

  // The stand-in sits on the egress network, which the stack removes.
  void TearDown() override {
    stand_in_.reset();
    StackTest::TearDown();
  }

  // The canary keys live.record sets (never real ones).
  static std::vector<std::string> Keys() {
    std::vector<std::string> keys;
    for (const char* name : {"ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY"}) {
      if (!Env(name).empty()) keys.push_back(Env(name));
    }
    return keys;
  }

  // `service` reaching the stand-in at `url`, with the probe its image has.
  int Probe(const std::string& service, const std::string& url) {
    const docker::ExecResult probe =
        stack().Exec(service, {.cmd = {"/opt/mcp-e2e/bin/" + service, "--healthcheck", url},
                               .timeout = std::chrono::seconds(20)});
    return probe.exit_code;
  }

  std::unique_ptr<ProviderStandIn> stand_in_;
};

TEST_F(LiveProof, ClaudeCodeChatsWithO3ThroughTheOneDoor) {
  const e2e::ClaudeResult run = claude().Run(Prompt());

  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_FALSE(run.is_error) << run.result;
  const auto calls = run.CallsOf("chat_with_o3");
  ASSERT_THAT(calls, SizeIs(1)) << run.transcript;
  EXPECT_FALSE(calls[0].is_error) << calls[0].result;
  EXPECT_THAT(calls[0].result, HasSubstr("PROOF-7"));
  // What reached "the model", in every mode: one o3 request with the marker.
  const auto o3 = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(o3, SizeIs(1));
  EXPECT_EQ(o3[0].model, "o3");
  EXPECT_THAT(o3[0].body.dump(), HasSubstr("PROOF-7"));
  EXPECT_EQ(o3[0].status, 200);
  const auto turns = stub().Requests("anthropic", "/v1/messages");
  EXPECT_THAT(turns, Not(IsEmpty()));

  if (stand_in_) {
    // Live: every provider request went out through the stub to "the provider".
    EXPECT_THAT(stand_in_->admin().Requests("openai", "/v1/responses"), SizeIs(1));
    EXPECT_THAT(stand_in_->admin().Requests("anthropic", "/v1/messages"), SizeIs(turns.size()));
  }
  if (!EchoBrain() && !stand_in_) {
    // Replay: the cassette answered, and it holds no key.
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string cassette = ReadFile(e2e::CassettePath(info->test_suite_name(), info->name()));
    EXPECT_THAT(cassette, HasSubstr(R"("exchanges")"));
    EXPECT_THAT(cassette, Not(HasSubstr("CANARY")));
  }
}

TEST_F(LiveProof, OnlyTheStubJoinsTheEgressNetworkWhichIsOpenOnlyInLiveMode) {
  const docker::NetworkInspect egress = docker().InspectNetwork(stack().NetworkName("egress"));
  EXPECT_EQ(egress.internal, !e2e::ReadLiveSettings().live);
  EXPECT_EQ(egress.labels.at("e2e.stack"), stack().id());
  EXPECT_TRUE(docker().InspectNetwork(stack().network_name()).internal);
  EXPECT_TRUE(egress.containers.contains(stack().ContainerId("model-stub")));
  EXPECT_FALSE(egress.containers.contains(stack().ContainerId("mcp-server")));
  EXPECT_FALSE(egress.containers.contains(stack().ContainerId("claude-runner")));
}

TEST_F(LiveProof, OnlyTheStubReachesTheProvidersAndOnlyTheStubHoldsTheKeys) {
  if (!stand_in_) GTEST_SKIP() << "a live-mode check: run with E2E_LIVE=1 (see live.record)";
  const std::string by_name = ProviderStandIn::BaseUrl() + "/healthz";
  const std::string by_address =
      "http://" + stand_in_->ip() + ":" + std::to_string(ProviderStandIn::kPort) + "/healthz";
  EXPECT_EQ(Probe("model-stub", by_name), 0);
  EXPECT_EQ(Probe("model-stub", by_address), 0);
  EXPECT_NE(Probe("mcp-server", by_name), 0);
  EXPECT_NE(Probe("mcp-server", by_address), 0);

  const e2e::ClaudeResult run = claude().Run(Prompt());
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_THAT(stand_in_->admin().Requests("openai"), Not(IsEmpty()));

  const std::vector<std::string> keys = Keys();
  ASSERT_THAT(keys, Not(IsEmpty())) << "live.record sets canary keys";
  // The keys were given to the stub and to no other container.
  EXPECT_THAT(stack().Inspect("model-stub").raw.dump(), HasSubstr(keys[0]));
  for (const char* service : {"mcp-server", "claude-runner"}) {
    const std::string inspect = stack().Inspect(service).raw.dump();
    for (const auto& key : keys) EXPECT_THAT(inspect, Not(HasSubstr(key))) << service;
  }
  // ...and appear in nothing the harness keeps: journals, cassette, artifacts.
  const std::string artifacts = e2e::ArtifactsDir() + "/LiveProof.canary";
  std::filesystem::remove_all(artifacts);
  stack().WriteDiagnostics(artifacts);
  std::vector<std::pair<std::string, std::string>> kept = {
      {"stub journal", stub().RawJournal().dump()},
      {"stand-in journal", stand_in_->admin().RawJournal().dump()},
      {"cassette", stub().CassetteText()},
      {"transcript", run.transcript + run.stderr_text}};
  for (const auto& file : std::filesystem::directory_iterator(artifacts)) {
    kept.emplace_back(file.path().filename().string(), ReadFile(file.path()));
  }
  EXPECT_GE(kept.size(), 7U) << "logs and inspect JSON of three services";
  for (const auto& [what, text] : kept) {
    for (const auto& key : keys) EXPECT_THAT(text, Not(HasSubstr(key))) << what;
  }
  std::filesystem::remove_all(artifacts);
}

// Live mode's ceiling, E2E_LIVE_CONCURRENCY, here 1: the stub holds a
// machine-wide slot per provider exchange, so two calls at once go out one
// after the other, and the second reports its wait.
class LiveCeiling : public LiveProof {
 protected:
  e2e::StackOptions MakeOptions() const override {
    e2e::StackOptions options = LiveProof::MakeOptions();
    if (e2e::ReadLiveSettings().live) options.variables["E2E_STUB_LIVE_CONCURRENCY"] = "1";
    return options;
  }
};

TEST_F(LiveCeiling, ProviderCallsInFlightNeverExceedTheCeiling) {
  if (!stand_in_) GTEST_SKIP() << "a live-mode check: run with E2E_LIVE=1 (see live.record)";
  constexpr std::chrono::milliseconds kAnswerTime{1500};
  stand_in_->admin().AddRule(
      {{"match", {{"path", "/v1/responses"}}}, {"respond", {{"delay_ms", kAnswerTime.count()}}}});
  const std::string stub_url = stack().ServiceUrl("model-stub", 8080);
  auto call = [&stub_url](const std::string& marker) {
    httplib::Client client(stub_url);
    client.set_read_timeout(std::chrono::seconds(30));
    const nlohmann::json body = {{"model", "o3"}, {"input", "Say " + marker}};
    const auto answer = client.Post("/v1/responses", {{"Authorization", "Bearer sk-e2e-offline"}},
                                    body.dump(), "application/json");
    return answer ? answer->status : -1;
  };
  auto first = std::async(std::launch::async, call, "CEILING-1");
  auto second = std::async(std::launch::async, call, "CEILING-2");
  EXPECT_EQ(first.get(), 200);
  EXPECT_EQ(second.get(), 200);

  EXPECT_THAT(stand_in_->admin().Requests("openai", "/v1/responses"), SizeIs(2));
  const auto forwarded = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(forwarded, SizeIs(2));
  const auto longest = std::max(forwarded[0].slot_wait, forwarded[1].slot_wait);
  // The later one waited for the earlier one's whole exchange (minus a little
  // for the slot polling's granularity).
  EXPECT_GE(longest, kAnswerTime - std::chrono::milliseconds(200))
      << "waits: " << forwarded[0].slot_wait.count() << " ms, " << forwarded[1].slot_wait.count()
      << " ms";
}

}  // namespace
