// Scenario 6 of the plan — failure handling. Every failure is caused where a
// user would meet it: through the real Claude Code CLI for tool arguments,
// files and provider faults, and over raw HTTP for what only a protocol
// client can send, and by killing the server's container mid-call. Each case
// asserts the exact kind of error (isError and what it names, the HTTP status
// and JSON-RPC code, what reached the stub's journal), then that a normal call
// still succeeds and that the server neither crashed nor restarted.
//
// The tests share one provider time budget (MCP_PROVIDER_TIMEOUT_S through
// E2E_PROVIDER_TIMEOUT_S), short enough that a provider that never answers
// costs seconds, long enough for the 429 and 5xx retries to fit in it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mcp/jsonrpc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <future>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "e2e/stack_test.h"
#include "e2e/wait.h"
#include "raw_mcp.h"
#include "scenario_support.h"

namespace {

using ::testing::AllOf;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using namespace std::chrono_literals;
namespace rpc = mcp::jsonrpc;

constexpr std::chrono::seconds kProviderBudget{6};
constexpr const char* kResponsesPath = "/v1/responses";

// One request of the stub's journal with the time it arrived.
struct Arrival {
  std::string body;
  int status = 0;
  std::chrono::milliseconds at{0};  // since the epoch
};

// "2025-01-02T03:04:05.678Z" (the journal's RFC 3339 UTC with milliseconds).
std::chrono::milliseconds ParseJournalTime(const std::string& text) {
  std::tm fields{};
  int millis = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &fields.tm_year, &fields.tm_mon,
                  &fields.tm_mday, &fields.tm_hour, &fields.tm_min, &fields.tm_sec, &millis) != 7) {
    throw std::runtime_error("journal time not understood: " + text);
  }
  fields.tm_year -= 1900;
  fields.tm_mon -= 1;
  return std::chrono::seconds(timegm(&fields)) + std::chrono::milliseconds(millis);
}

// The requests at `path` whose body contains `marker`, in arrival order.
std::vector<Arrival> ArrivalsWith(e2e::ModelStubClient& stub, const std::string& path,
                                  const std::string& marker) {
  std::vector<Arrival> arrivals;
  const nlohmann::json journal = stub.RawJournal();  // outlives the loop over its requests
  for (const auto& item : journal.at("requests")) {
    const std::string body = item.value("body", nlohmann::json()).dump();
    if (item.value("path", "") != path || body.find(marker) == std::string::npos) continue;
    arrivals.push_back({body, item.value("status", 0), ParseJournalTime(item.value("time", ""))});
  }
  return arrivals;
}

// The first call of `tool` whose input contains `marker` (an empty call when none).
e2e::ToolCall CallWith(const e2e::ClaudeResult& run, const std::string& tool,
                       const std::string& marker) {
  for (const auto& call : run.CallsOf(tool)) {
    if (call.input.dump().find(marker) != std::string::npos) return call;
  }
  return {};
}

class Failures : public scenario::ScenarioTest {
 protected:
  e2e::StackOptions MakeOptions() const override {
    e2e::StackOptions options = StackTest::MakeOptions();
    options.variables["E2E_PROVIDER_TIMEOUT_S"] = std::to_string(kProviderBudget.count());
    return options;
  }

  // The server is the process it was at start-up (no crash, no restart) and
  // its log holds no sign of one.
  void ExpectServerNeverCrashed() {
    const auto inspect = stack().Inspect(scenario::kServer);
    EXPECT_TRUE(inspect.state.running);
    EXPECT_EQ(inspect.raw.value("RestartCount", -1), 0);
    const docker::Output logs = stack().Logs(scenario::kServer);
    for (const char* sign :
         {"Sanitizer", "runtime error:", "terminate called", "Segmentation fault", "Aborted",
          "unhandled exception", " critical "}) {
      EXPECT_THAT(logs.out + logs.err, Not(HasSubstr(sign)));
    }
  }

  scenario::RawMcpClient RawClient() {
    return scenario::RawMcpClient(stack().ServiceUrl(scenario::kServer, scenario::kServerPort));
  }
};

TEST_F(Failures, UnknownToolsBadArgumentsAndFilesAreRefusedBeforeAnyProviderCall) {
  // A directive for a tool the server does not have: Claude Code calls nothing.
  const e2e::ClaudeResult missing = claude().Run(R"(call summon_oracle with {"question":"x"})");
  ASSERT_EQ(missing.exit_code, 0) << missing.stderr_text;
  EXPECT_THAT(missing.tool_calls, IsEmpty()) << missing.transcript;
  // Claude Code offered the model the server's tools, and none of that name.
  const auto asked = stub().Requests("anthropic", "/v1/messages");
  ASSERT_THAT(asked, Not(IsEmpty()));
  std::vector<std::string> offered;
  for (const auto& tool : asked.back().body.value("tools", nlohmann::json::array())) {
    offered.push_back(tool.value("name", ""));
  }
  EXPECT_THAT(offered, ::testing::Contains(HasSubstr("list_models")));
  EXPECT_THAT(offered, Each(Not(HasSubstr("summon_oracle"))));

  workspace().Write({{"notes.txt", "Kept in FILE-OK-77\n"}});
  // A symlink inside the allowed root that points out of it.
  workspace().Symlink("etc-link", "/etc");

  const e2e::ClaudeResult run = claude().Run(
      R"(call chat_with_gpt41 with {"instructions":"Read ARG-MISSING-1","session_id":"f-args","context":["no-such-file.txt"]} )"
      R"(call chat_with_gpt41 with {"instructions":"Read ARG-DOTDOT-2","session_id":"f-args","context":["../../etc/passwd"]} )"
      R"(call chat_with_gpt41 with {"instructions":"Read ARG-SYMLINK-3","session_id":"f-args","context":["etc-link/passwd"]} )"
      R"(call chat_with_gpt41 with {"instructions":"Hot ARG-TEMP-4","session_id":"f-args","temperature":7} )"
      R"(call chat_with_gpt41 with {"instructions":"Think ARG-EFFORT-5","session_id":"f-args","reasoning_effort":"high"} )"
      R"(call chat_with_gpt41 with {"instructions":"Fine ARG-OK-6","session_id":"f-args","context":["notes.txt"]})");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_THAT(run.CallsOf("chat_with_gpt41"), SizeIs(6)) << run.transcript;

  struct Case {
    const char* marker;
    std::vector<std::string> names;  // what the error message must name
  };
  for (const Case& c : std::vector<Case>{
           {"ARG-MISSING-1", {"no-such-file.txt", "cannot resolve", "No such file"}},
           {"ARG-DOTDOT-2", {"../../etc/passwd", "/etc/passwd", "outside the allowed roots"}},
           {"ARG-SYMLINK-3", {"etc-link/passwd", "/etc/passwd", "outside the allowed roots"}},
           {"ARG-TEMP-4", {"parameter 'temperature'"}},
           {"ARG-EFFORT-5", {"parameter 'reasoning_effort'", "gpt-4.1"}}}) {
    SCOPED_TRACE(c.marker);
    const e2e::ToolCall call = CallWith(run, "chat_with_gpt41", c.marker);
    ASSERT_TRUE(call.has_result) << run.transcript;
    EXPECT_TRUE(call.is_error) << call.result;
    for (const auto& name : c.names) EXPECT_THAT(call.result, HasSubstr(name));
    EXPECT_THAT(call.result, Not(HasSubstr("root:x:0:0")));  // nothing of /etc/passwd leaked
  }

  // The normal call after all of them: answered, with the file's text sent to the model.
  const e2e::ToolCall ok = CallWith(run, "chat_with_gpt41", "ARG-OK-6");
  ASSERT_TRUE(ok.has_result) << run.transcript;
  EXPECT_FALSE(ok.is_error) << ok.result;
  OFFLINE_ONLY(EXPECT_THAT(ok.result, HasSubstr("FILE-OK-77")));  // the echo repeats the file

  // Only that call reached GPT-4.1 (the summariser's requests are another model).
  const auto gpt41 =
      scenario::OfModel(stub().Requests("openai", scenario::kChatCompletionsPath), "gpt-4.1");
  ASSERT_THAT(gpt41, SizeIs(1));
  EXPECT_THAT(gpt41[0].body.dump(), AllOf(HasSubstr("ARG-OK-6"), HasSubstr("FILE-OK-77")));
  ExpectServerNeverCrashed();
}

TEST_F(Failures, ProviderFaultsBecomeToolErrorsWithinTheBudgetAndRetriesAreBounded) {
  // Each fault is keyed to one call by a marker in its instructions.
  auto rule = [](const std::string& marker, nlohmann::json respond, int times = 0) {
    nlohmann::json definition{{"match", {{"path", kResponsesPath}, {"body_contains", marker}}},
                              {"respond", std::move(respond)}};
    if (times > 0) definition["times"] = times;
    return definition;
  };
  stub().AddRule(rule("FAULT-RATE-1", {{"status", 429}, {"headers", {{"retry-after", "1"}}}}, 1));
  stub().AddRule(rule("FAULT-FIVE-2", {{"status", 500}}));
  stub().AddRule(rule("FAULT-SILENT-3", {{"delay_ms", 120000}}));
  stub().AddRule(rule("FAULT-CUT-4", {{"malformed_json", true}}));
  stub().AddRule(rule("FAULT-DROP-5", {{"close_connection", true}}, 1));

  const e2e::ClaudeResult run = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Say FAULT-RATE-1","session_id":"f-rate"} )"
      R"(call chat_with_o3 with {"instructions":"Say FAULT-FIVE-2","session_id":"f-five"} )"
      R"(call chat_with_o3 with {"instructions":"Say FAULT-SILENT-3","session_id":"f-silent"} )"
      R"(call chat_with_o3 with {"instructions":"Say FAULT-CUT-4","session_id":"f-cut"} )"
      R"(call chat_with_o3 with {"instructions":"Say FAULT-DROP-5","session_id":"f-drop"} )"
      R"(call chat_with_o3 with {"instructions":"Say FAULT-AFTER-6","session_id":"f-after"})");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_THAT(run.CallsOf("chat_with_o3"), SizeIs(6)) << run.transcript;

  {
    SCOPED_TRACE("429 with retry-after, then success");
    const e2e::ToolCall call = CallWith(run, "chat_with_o3", "FAULT-RATE-1");
    EXPECT_FALSE(call.is_error) << call.result;
    OFFLINE_ONLY(EXPECT_THAT(call.result, HasSubstr("FAULT-RATE-1")));
    const auto arrivals = ArrivalsWith(stub(), kResponsesPath, "FAULT-RATE-1");
    ASSERT_THAT(arrivals, SizeIs(2));
    EXPECT_EQ(arrivals[0].status, 429);
    EXPECT_EQ(arrivals[1].status, 200);
    EXPECT_GE(arrivals[1].at - arrivals[0].at, 1000ms) << "retry-after: 1 was not honoured";
  }
  {
    SCOPED_TRACE("500 every time");
    const e2e::ToolCall call = CallWith(run, "chat_with_o3", "FAULT-FIVE-2");
    EXPECT_TRUE(call.is_error) << call.result;
    EXPECT_THAT(call.result, AllOf(HasSubstr("openai"), HasSubstr("HTTP 500")));
    std::smatch gave_up;
    ASSERT_TRUE(std::regex_search(call.result, gave_up, std::regex("gave up after (\\d+) attempt")))
        << call.result;
    const auto arrivals = ArrivalsWith(stub(), kResponsesPath, "FAULT-FIVE-2");
    EXPECT_GE(arrivals.size(), 2U) << "a 500 must be retried";
    EXPECT_EQ(arrivals.size(), std::stoul(gave_up[1].str()));
    EXPECT_LT(arrivals.back().at - arrivals.front().at, kProviderBudget);
  }
  {
    SCOPED_TRACE("a provider that never answers");
    const e2e::ToolCall call = CallWith(run, "chat_with_o3", "FAULT-SILENT-3");
    EXPECT_TRUE(call.is_error) << call.result;
    EXPECT_THAT(call.result, AllOf(HasSubstr("openai"), HasSubstr("timed out")));
    const auto held = ArrivalsWith(stub(), kResponsesPath, "FAULT-SILENT-3");
    ASSERT_THAT(held, SizeIs(1));  // the budget was spent waiting: no second attempt
    EXPECT_EQ(held[0].status, 0);  // still unanswered
    // Claude Code moved on to the next call once the budget was spent, not later.
    const auto next = ArrivalsWith(stub(), kResponsesPath, "FAULT-CUT-4");
    ASSERT_THAT(next, Not(IsEmpty()));
    EXPECT_GE(next[0].at - held[0].at, kProviderBudget - 100ms);
    EXPECT_LT(next[0].at - held[0].at, kProviderBudget + 10s);
  }
  {
    SCOPED_TRACE("an answer cut off midway (malformed JSON body)");
    const e2e::ToolCall call = CallWith(run, "chat_with_o3", "FAULT-CUT-4");
    EXPECT_TRUE(call.is_error) << call.result;
    EXPECT_THAT(call.result, AllOf(HasSubstr("openai"), HasSubstr("not valid JSON")));
  }
  {
    SCOPED_TRACE("a dropped connection, retried");
    const e2e::ToolCall call = CallWith(run, "chat_with_o3", "FAULT-DROP-5");
    EXPECT_FALSE(call.is_error) << call.result;
    OFFLINE_ONLY(EXPECT_THAT(call.result, HasSubstr("FAULT-DROP-5")));
    const auto arrivals = ArrivalsWith(stub(), kResponsesPath, "FAULT-DROP-5");
    ASSERT_THAT(arrivals, SizeIs(2));
    EXPECT_EQ(arrivals[0].status, 0);  // dropped: nothing was sent
    EXPECT_EQ(arrivals[1].status, 200);
  }
  {
    SCOPED_TRACE("a normal call afterwards");
    const e2e::ToolCall call = CallWith(run, "chat_with_o3", "FAULT-AFTER-6");
    EXPECT_FALSE(call.is_error) << call.result;
    OFFLINE_ONLY(EXPECT_THAT(call.result, HasSubstr("FAULT-AFTER-6")));
  }
  ExpectServerNeverCrashed();
}

TEST_F(Failures, ProtocolErrorsGetTheirHttpStatusAndJsonRpcCode) {
  scenario::RawMcpClient client = RawClient();
  ASSERT_NO_THROW(client.Initialize("2025-06-18"));

  struct Case {
    std::string name;
    std::string body;
    httplib::Headers headers;
    int status;
    int code;  // JSON-RPC error code expected in the body
  };
  const std::string ping = rpc::MakeRequest(client.NextId(), "ping").dump();
  httplib::Headers unknown_session = scenario::RawMcpClient::AcceptHeaders();
  unknown_session.emplace("Mcp-Session-Id", "f0000000000000000000000000000000");
  httplib::Headers bad_version = client.SessionHeaders();
  bad_version.erase("MCP-Protocol-Version");
  bad_version.emplace("MCP-Protocol-Version", "1999-01-01");
  httplib::Headers foreign_origin = client.SessionHeaders();
  foreign_origin.emplace("Origin", "http://evil.example");
  // Just over the server's default 4 MiB limit, as valid JSON-RPC.
  const std::string oversized =
      rpc::MakeRequest(client.NextId(), "ping", {{"padding", std::string(4 * 1024 * 1024, 'x')}})
          .dump();

  const std::vector<Case> cases{
      {"malformed JSON", R"({"jsonrpc":"2.0","id":1,"method":)", client.SessionHeaders(), 400,
       rpc::kParseError},
      {"unknown method", rpc::MakeRequest(client.NextId(), "tools/explode").dump(),
       client.SessionHeaders(), 200, rpc::kMethodNotFound},
      {"tools/call without a name",
       rpc::MakeRequest(client.NextId(), "tools/call", {{"arguments", nlohmann::json::object()}})
           .dump(),
       client.SessionHeaders(), 200, rpc::kInvalidParams},
      {"tools/call with arguments that are not an object",
       rpc::MakeRequest(client.NextId(), "tools/call",
                        {{"name", "list_models"}, {"arguments", nlohmann::json::array({1})}})
           .dump(),
       client.SessionHeaders(), 200, rpc::kInvalidParams},
      {"tools/call of an unknown tool",
       rpc::MakeRequest(client.NextId(), "tools/call",
                        {{"name", "summon_oracle"}, {"arguments", nlohmann::json::object()}})
           .dump(),
       client.SessionHeaders(), 200, rpc::kInvalidParams},
      // Batches were removed in 2025-06-18, the version this session negotiated.
      {"a batch", "[" + ping + "," + rpc::MakeRequest(client.NextId(), "ping").dump() + "]",
       client.SessionHeaders(), 400, rpc::kInvalidRequest},
      {"an oversized body", oversized, client.SessionHeaders(), 413, rpc::kServerError},
      {"no Mcp-Session-Id", ping, scenario::RawMcpClient::AcceptHeaders(), 400, rpc::kServerError},
      {"an unknown Mcp-Session-Id", ping, unknown_session, 404, rpc::kServerError},
      {"an unsupported MCP-Protocol-Version", ping, bad_version, 400, rpc::kServerError},
      {"a foreign Origin", ping, foreign_origin, 403, rpc::kServerError},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const scenario::RawAnswer answer = client.Post(c.body, c.headers);
    EXPECT_EQ(answer.status, c.status) << answer.body.substr(0, 500);
    EXPECT_EQ(answer.ErrorCode(), c.code) << answer.body.substr(0, 500);
    const nlohmann::json reply = answer.Json();
    if (c.status == 200 && reply.is_object()) {
      // A JSON-RPC error answers the request it names.
      EXPECT_EQ(reply.value("id", nlohmann::json()), nlohmann::json::parse(c.body)["id"]);
    }
    // The server keeps serving this session after each refusal.
    const scenario::RawAnswer after = client.Request("ping");
    EXPECT_EQ(after.status, 200) << after.body;
    EXPECT_EQ(after.Json().value("result", nlohmann::json()), nlohmann::json::object());
  }

  const scenario::RawAnswer listed = client.Request(
      "tools/call", {{"name", "list_models"}, {"arguments", nlohmann::json::object()}});
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json()["result"].value("isError", true), false) << listed.body;
  ExpectServerNeverCrashed();
}

// A killed server cannot answer: Claude Code learns of it only from its
// tool-call timeout (MCP_TOOL_TIMEOUT, ~28 hours by default). Without one,
// the held call failed only when Claude Code's attempts to resume the call's
// SSE stream at the vanished address gave up, 70 to 120 s later. So the held
// run gets a timeout a few seconds above the server's own provider budget:
// were the server still alive, its time-out would answer first, naming the
// provider, which the test tells apart from Claude Code's own report.
constexpr std::chrono::seconds kClaudeToolTimeout = kProviderBudget + std::chrono::seconds(4);

TEST_F(Failures, AServerKilledDuringACallFailsThatCallAndKeepsTheSessionForTheNext) {
  const e2e::ClaudeResult before = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Remember KILL-BEFORE-1","session_id":"f-kill"})");
  ASSERT_EQ(before.exit_code, 0) << before.stderr_text;
  ASSERT_THAT(before.CallsOf("chat_with_o3"), SizeIs(1)) << before.transcript;
  ASSERT_FALSE(before.CallsOf("chat_with_o3")[0].is_error) << before.transcript;

  // Held at the provider far longer than anything waits: the kill lands mid-call.
  stub().AddRule({{"match", {{"path", kResponsesPath}, {"body_contains", "KILL-HELD-2"}}},
                  {"respond", {{"delay_ms", 120000}}},
                  {"times", 1}});
  auto held = std::async(std::launch::async, [this] {
    return claude().Run(
        R"(call chat_with_o3 with {"instructions":"Hold KILL-HELD-2","session_id":"f-kill"})",
        {"MCP_TOOL_TIMEOUT=" + std::to_string(kClaudeToolTimeout.count() * 1000)});
  });
  ASSERT_TRUE(e2e::Eventually(
      "the held call to reach the provider",
      scenario::StubReceived(stub(), "openai", kResponsesPath, "KILL-HELD-2"), 60s));
  const std::string container = stack().ContainerId(scenario::kServer);
  stack().Kill(scenario::kServer);

  ASSERT_EQ(held.wait_for(kClaudeToolTimeout + 60s), std::future_status::ready)
      << "Claude Code never reported the call";
  const e2e::ClaudeResult killed = held.get();
  const auto killed_calls = killed.CallsOf("chat_with_o3");
  ASSERT_THAT(killed_calls, SizeIs(1)) << killed.transcript;
  EXPECT_TRUE(killed_calls[0].has_result) << killed.transcript;
  EXPECT_TRUE(killed_calls[0].is_error) << killed_calls[0].result;
  // Claude Code's own report, not the server's provider time-out (which names the provider).
  EXPECT_THAT(killed_calls[0].result, Not(HasSubstr("openai"))) << killed_calls[0].result;
  const auto held_arrivals = ArrivalsWith(stub(), kResponsesPath, "KILL-HELD-2");
  ASSERT_THAT(held_arrivals, SizeIs(1));
  EXPECT_EQ(held_arrivals[0].status, 0);  // never answered: the server died waiting

  stack().Start(scenario::kServer);  // the same container, the same data volume
  EXPECT_EQ(stack().ContainerId(scenario::kServer), container);

  const e2e::ClaudeResult after = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Recall KILL-AFTER-3","session_id":"f-kill"})");
  ASSERT_EQ(after.exit_code, 0) << after.stderr_text;
  const auto after_calls = after.CallsOf("chat_with_o3");
  ASSERT_THAT(after_calls, SizeIs(1)) << after.transcript;
  EXPECT_FALSE(after_calls[0].is_error) << after_calls[0].result;

  // The stored turn was replayed to the provider; the killed one was never stored.
  const auto replayed = ArrivalsWith(stub(), kResponsesPath, "KILL-AFTER-3");
  ASSERT_THAT(replayed, SizeIs(1));
  EXPECT_THAT(replayed[0].body, HasSubstr("KILL-BEFORE-1"));
  EXPECT_THAT(replayed[0].body, Not(HasSubstr("KILL-HELD-2")));
}

}  // namespace
