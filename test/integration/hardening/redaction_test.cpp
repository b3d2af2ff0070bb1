// Secrets never reach the artifacts or the output of a failed test: a child
// test process gets canary keys, uses them, fails on purpose, and then no
// file under its artifacts folder and nothing it printed holds a canary.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "e2e/stack_test.h"

namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Every canary starts so; the rest is random, so no other run's text matches.
constexpr const char* kCanaryPrefix = "canary-";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Run by RedactionCanary below in a process of its own (disabled otherwise):
// the stack gets the canaries through the environment, and they travel as
// far as they can before the test fails.
class CanaryChild : public e2e::StackTest {};

TEST_F(CanaryChild, DISABLED_UsesTheKeysAndFailsOnPurpose) {
  const char* openai = std::getenv("E2E_OPENAI_API_KEY");
  ASSERT_NE(openai, nullptr);
  // The secret is really there to leak: in plain text in the Engine's answer.
  const bool in_raw_inspect =
      stack().Inspect("mcp-server").raw.dump().find(openai) != std::string::npos;
  fmt::print("canary in the raw inspect: {}\n", in_raw_inspect ? "yes" : "no");
  // Free text: the server's own log gets the key (written to its main
  // process's stdout), where only its value can give it away.
  const auto echoed = stack().Exec(
      "mcp-server", {.cmd = {"sh", "-c", R"(echo "my key is $OPENAI_API_KEY" > /proc/1/fd/1)"}});
  const bool in_raw_log = stack().Logs("mcp-server").out.find(openai) != std::string::npos;
  fmt::print("canary in the raw server log: {} (exit code {})\n", in_raw_log ? "yes" : "no",
             echoed.exit_code);
  // Claude Code sends the Anthropic canary to the stub, the MCP server sends
  // the OpenAI one; the prompt carries one in plain text too.
  const e2e::ClaudeResult run = claude().Run(fmt::format(
      R"(call chat_with_o3 with {{"instructions":"say {}","session_id":"canary"}})", openai));
  ADD_FAILURE() << "failing on purpose, so that the artifacts are written. Transcript:\n"
                << run.transcript << "\nstderr:\n"
                << run.stderr_text;
}

TEST(RedactionCanary, NoCanaryKeyReachesTheArtifactsOrTheOutputOfAFailedTest) {
  std::random_device random;
  const std::string tag = fmt::format("{:08x}{:08x}", random(), random());
  const std::string openai = kCanaryPrefix + std::string("openai-") + tag;
  const std::string anthropic = kCanaryPrefix + std::string("anthropic-") + tag;
  const std::string stub_key = kCanaryPrefix + std::string("stub-") + tag;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("e2e-canary-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "artifacts");

  // The harness maps E2E_*_API_KEY into the services' OPENAI_API_KEY and
  // ANTHROPIC_API_KEY (compose/stack.yml); the process's own keys are set too.
  const std::string command = fmt::format(
      "env -u GTEST_OUTPUT E2E_ARTIFACTS_DIR={dir}/artifacts E2E_KEEP_STACK=0 E2E_LOG_LEVEL=debug "
      "E2E_OPENAI_API_KEY={openai} E2E_ANTHROPIC_API_KEY={anthropic} "
      "E2E_STUB_KEY_OPENAI={stub} OPENAI_API_KEY={openai} ANTHROPIC_API_KEY={anthropic} "
      "timeout 300 /proc/{pid}/exe --gtest_also_run_disabled_tests "
      "--gtest_filter=CanaryChild.DISABLED_UsesTheKeysAndFailsOnPurpose "
      ">{dir}/stdout.txt 2>{dir}/stderr.txt",
      fmt::arg("dir", dir.string()), fmt::arg("openai", openai), fmt::arg("anthropic", anthropic),
      fmt::arg("stub", stub_key), fmt::arg("pid", ::getpid()));
  const int status = std::system(command.c_str());
  const std::string out = ReadFile(dir / "stdout.txt");
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1)
      << "the child should fail its one test; status " << status << "\n"
      << out << ReadFile(dir / "stderr.txt");
  EXPECT_THAT(out, HasSubstr("canary in the raw inspect: yes"));
  EXPECT_THAT(out, HasSubstr("canary in the raw server log: yes"));
  EXPECT_THAT(out, HasSubstr("failing on purpose"));

  // Every file written, whatever its name; and what the child printed.
  std::vector<std::string> leaks;
  std::vector<std::string> written;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    written.push_back(std::filesystem::relative(entry.path(), dir).string());
    if (ReadFile(entry.path()).find(tag) != std::string::npos) leaks.push_back(written.back());
  }
  EXPECT_THAT(leaks, IsEmpty());
  // The artifacts are all there, the secrets' names kept.
  const std::filesystem::path test_dir =
      dir / "artifacts" / "CanaryChild.DISABLED_UsesTheKeysAndFailsOnPurpose";
  EXPECT_THAT(ReadFile(test_dir / "mcp-server.inspect.json"), HasSubstr("OPENAI_API_KEY=***"));
  EXPECT_THAT(ReadFile(test_dir / "claude-runner.inspect.json"),
              HasSubstr("ANTHROPIC_API_KEY=***"));
  EXPECT_THAT(ReadFile(test_dir / "stack-spec.json"),
              HasSubstr(R"("STUB_UPSTREAM_KEY_OPENAI": "***")"));
  EXPECT_THAT(ReadFile(test_dir / "claude-transcripts.txt"), HasSubstr("say ***"));
  // The MCP server's call reached the stub (with the OpenAI canary as its key).
  EXPECT_THAT(ReadFile(test_dir / "model-stub.journal.json"), HasSubstr(R"("provider": "openai")"));
  EXPECT_THAT(ReadFile(test_dir / "mcp-server.log"), HasSubstr("my key is ***"));
  if (leaks.empty() && !HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
