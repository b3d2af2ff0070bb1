// The order in which a stack's ${VAR} resolve: environment > image manifest > file default.
#include "stack_variables.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace {

// Sets an environment variable for one test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

TEST(StackVariables, TheEnvironmentBeatsTheImageManifest) {
  const e2e::StackOptions options{
      .fallback_variables = {{"E2E_T_IMAGE", "mcp-e2e/mcp-server:abc"}}};
  const e2e::VariableLookup lookup = e2e::StackVariables("ab12cd", options);
  EXPECT_EQ(lookup("E2E_T_IMAGE"), "mcp-e2e/mcp-server:abc");
  const ScopedEnv env("E2E_T_IMAGE", "acme/tools:1");
  EXPECT_EQ(lookup("E2E_T_IMAGE"), "acme/tools:1");
  EXPECT_EQ(e2e::Interpolate("${E2E_T_IMAGE:-x}", lookup), "acme/tools:1");
}

TEST(StackVariables, TheTestsVariablesBeatTheEnvironmentAndTheFileDefaultComesLast) {
  const e2e::StackOptions options{.variables = {{"E2E_T_MODE", "replay"}}};
  const e2e::VariableLookup lookup = e2e::StackVariables("ab12cd", options);
  const ScopedEnv env("E2E_T_MODE", "echo");
  EXPECT_EQ(lookup("E2E_T_MODE"), "replay");
  EXPECT_EQ(lookup("E2E_ID"), "ab12cd");
  EXPECT_EQ(lookup("E2E_T_UNSET"), std::nullopt);
  EXPECT_EQ(e2e::Interpolate("${E2E_T_UNSET:-written}", lookup), "written");
}

}  // namespace
