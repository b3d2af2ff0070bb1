#pragma once
// The GoogleTest fixture every scenario derives from: each TEST_F gets its
// own stack (compose/stack.yml), brought up in SetUp and removed in TearDown.
//
// TearDown always runs, also when SetUp or the test body threw. When the test
// failed it first writes every container's logs and inspect JSON, the stub's
// journal, the Claude Code transcripts and the resolved stack spec to
// $E2E_ARTIFACTS_DIR/<Suite.Test>/ (default: <build>/artifacts), with the
// stack's secrets redacted (redact.h). With E2E_KEEP_STACK=1 a failed test's
// stack is kept for debugging (also from the reaper) and the way to reach it
// is printed; `e2e-reap --stack ID` or `e2e-reap --kept` removes it.
//
// Live mode (live_mode.h, live_stack.h): with E2E_LIVE=1 a test whose
// Providers() lack keys is skipped naming the variable; the stub forwards to
// the real providers, and with E2E_RECORD=1 a passing test's exchanges are
// written to its cassette (CassettePath). Offline, a test with a cassette is
// answered from it (unless E2E_REPLAY=0), and a request it does not match
// fails the test in TearDown with the nearest recorded request and the
// difference.

#include <gtest/gtest.h>

#include <memory>

#include "docker/client.h"
#include "e2e/claude_runner.h"
#include "e2e/live_stack.h"
#include "e2e/model_stub_client.h"
#include "e2e/stack.h"
#include "e2e/workspace.h"

namespace e2e {

class StackTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The stack to bring up. Override to add variables for one scenario; call
  // the base version first.
  virtual StackOptions MakeOptions() const;
  // The providers this suite calls, checked in live mode before the stack
  // comes up. Default: Anthropic (Claude Code's model).
  virtual std::vector<LiveProvider> Providers() const { return {LiveProvider::kAnthropic}; }
  // Which service plays which part (stack_roles.h); called once the stack is
  // up. Default: the stack file's x-e2e block. Override to change a role,
  // starting from the base version's answer.
  virtual StackRoles Roles();
  // True when the stub's echo brain answers (offline, no cassette): guards
  // the assertions on the stub's own wording (scenario_support.h, OFFLINE_ONLY).
  bool EchoBrain() const { return answers_ == StubAnswers::kEchoBrain; }

  Stack& stack() { return *stack_; }
  // The roles in effect (Roles()'s answer): e.g. roles().mcp_server.name is
  // the <name> in the tool names mcp__<name>__<tool>.
  const StackRoles& roles() const { return roles_; }
  // The Claude Code CLI in the claude_runner role's service, configured to
  // reach the mcp_server role's URL under its name.
  ClaudeRunner& claude();
  // The provider_stub role's service (offline runs).
  ModelStubClient& stub();
  // The stack's /workspace, shared by the MCP server and claude-runner; empty
  // at the start of every test (see workspace.h).
  Workspace& workspace();
  // One Engine client for the whole test process.
  static docker::Client& docker();

 private:
  // The clients of the roles: the stub's and Claude Code's.
  void ConnectRoles();
  void WriteArtifacts();
  // Each step's time as a JUnit property (e2e.step.<name>), a summary line on
  // stderr and lines in the run's timings file (paths.h: TimingsFile()).
  void ReportSteps();
  // Live mode's SetUp part after Up (load the cassette) and TearDown part
  // before the artifacts (replay misses fail the test; record the cassette).
  void StartAnswering();
  void FinishAnswering();

  LiveSettings live_;
  StubAnswers answers_ = StubAnswers::kEchoBrain;
  std::string cassette_;
  StackRoles roles_;

  std::unique_ptr<Stack> stack_;
  std::unique_ptr<ClaudeRunner> claude_;
  std::unique_ptr<ModelStubClient> stub_;
  std::unique_ptr<Workspace> workspace_;
};

}  // namespace e2e
