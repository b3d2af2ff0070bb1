// The reference stack (compose/stack.yml) runs hardened: what the Engine says
// each container got, what a process inside can and cannot do, and which
// tools Claude Code offers the model.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/stack_test.h"

namespace {

using ::testing::Contains;
using ::testing::ContainsRegex;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

class Hardening : public e2e::StackTest {};

bool IsRootUser(const std::string& user) {
  const std::string name = user.substr(0, user.find(':'));
  return name.empty() || name == "root" || name == "0";
}

TEST_F(Hardening, EveryServiceRunsWithoutPrivilegesOnAReadOnlyRootWithCappedLogs) {
  ASSERT_THAT(stack().services(), SizeIs(3));
  for (const std::string& service : stack().services()) {
    SCOPED_TRACE(service);
    const nlohmann::json inspect = stack().Inspect(service).raw;
    const nlohmann::json& host = inspect["HostConfig"];
    EXPECT_EQ(host["CapDrop"], nlohmann::json({"ALL"}));
    EXPECT_TRUE(host["CapAdd"].is_null() || host["CapAdd"].empty()) << host["CapAdd"];
    EXPECT_THAT(host["SecurityOpt"].get<std::vector<std::string>>(),
                Contains("no-new-privileges:true"));
    EXPECT_EQ(host["ReadonlyRootfs"], true);
    EXPECT_TRUE(host["Tmpfs"].contains("/tmp")) << host["Tmpfs"];
    EXPECT_GT(host["PidsLimit"].get<int64_t>(), 0);
    EXPECT_EQ(host["LogConfig"]["Type"], "json-file");
    EXPECT_EQ(host["LogConfig"]["Config"]["max-size"], "10m");
    EXPECT_EQ(host["LogConfig"]["Config"]["max-file"], "3");
    const std::string user = inspect["Config"]["User"].get<std::string>();
    EXPECT_FALSE(IsRootUser(user)) << "Config.User '" << user << "'";
  }
}

TEST_F(Hardening, ProcessesRunWithoutCapabilitiesOnAReadOnlyRoot) {
  for (const std::string& service : stack().services()) {
    SCOPED_TRACE(service);
    // What the kernel says, not what was asked for: the root mount's options
    // and the process's capabilities and no_new_privs flag.
    const auto probe = stack().Exec(
        service, {.cmd = {"sh", "-c",
                          "id -u; grep -E '^(CapEff|CapPrm|NoNewPrivs):' /proc/self/status; "
                          "grep ' / ' /proc/mounts; touch /tmp/probe && echo tmp-writable"}});
    ASSERT_EQ(probe.exit_code, 0) << probe.output.err;
    EXPECT_THAT(probe.output.out, Not(StartsWith("0\n")));
    EXPECT_THAT(probe.output.out, HasSubstr("CapEff:\t0000000000000000"));
    EXPECT_THAT(probe.output.out, HasSubstr("CapPrm:\t0000000000000000"));
    EXPECT_THAT(probe.output.out, HasSubstr("NoNewPrivs:\t1"));
    EXPECT_THAT(probe.output.out, ContainsRegex(" / [^ ]+ ro[, ]"));
    EXPECT_THAT(probe.output.out, HasSubstr("tmp-writable"));
  }
}

// The workspace volume stays writable through the archive endpoint (and from
// inside) although every root filesystem is read-only.
TEST_F(Hardening, TheWorkspaceVolumeStaysWritable) {
  workspace().Write({{"notes/a.md", "# written through the archive endpoint\n"}});
  const auto read = stack().Exec("claude-runner", {.cmd = {"cat", "/workspace/notes/a.md"}});
  ASSERT_EQ(read.exit_code, 0) << read.output.err;
  EXPECT_EQ(read.output.out, "# written through the archive endpoint\n");
}

TEST_F(Hardening, ClaudeCodeOffersTheModelTheMcpToolsOnly) {
  const e2e::ClaudeResult run = claude().Run("call list_models with {}");

  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_THAT(run.CallsOf("list_models"), SizeIs(1)) << run.transcript;
  // Allowed without a prompt: the call went through.
  EXPECT_TRUE(run.tool_calls[0].has_result);
  EXPECT_FALSE(run.tool_calls[0].is_error) << run.tool_calls[0].result;

  std::vector<std::string> offered;
  for (const e2e::StubRequest& turn : stub().Requests("anthropic", "/v1/messages")) {
    for (const auto& tool : turn.body.value("tools", nlohmann::json::array())) {
      offered.push_back(tool.value("name", ""));
    }
  }
  ASSERT_THAT(offered, Not(IsEmpty()));
  EXPECT_THAT(offered, Contains("mcp__e2e__list_models"));
  // No Bash, Read, Edit, Write, WebFetch, Task...: only the MCP server's tools.
  EXPECT_THAT(offered, Each(StartsWith("mcp__e2e__")));
}

}  // namespace
