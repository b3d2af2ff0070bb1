// The stack file's x-e2e block: which service plays which part.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/stack_spec.h"

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::optional<std::string> RoleVars(const std::string& name) {
  if (name == "TOOLS_PORT") return "9123";
  return std::nullopt;
}

constexpr const char* kServices = R"(services:
  tools-api: {image: acme/tools:1}
  runner: {image: runner:1}
  fake-llm: {image: stub:1}
networks: {n: {}}
)";

e2e::StackSpec WithRoles(const std::string& roles) {
  return e2e::ParseStackSpec(std::string(kServices) + roles, "stack.yml", RoleVars);
}

void ExpectRolesError(const std::string& roles, const std::string& location,
                      const std::string& message) {
  try {
    WithRoles(roles);
    FAIL() << "accepted:\n" << roles;
  } catch (const e2e::SpecError& e) {
    EXPECT_THAT(e.what(), StartsWith("stack.yml:" + location + ": "));
    EXPECT_THAT(e.what(), HasSubstr(message));
  }
}

TEST(StackRoles, AreReadFromTheXE2eBlockWithInterpolation) {
  const e2e::StackRoles roles = WithRoles(R"(x-e2e:
  mcp_server: {service: tools-api, port: "${TOOLS_PORT}", path: /rpc/v2, name: acme}
  claude_runner: {service: runner}
  provider_stub: {service: fake-llm, port: 8081}
  health_timeout: 45s
  health_timeouts: {tools-api: 2m}
)")
                                    .roles;
  EXPECT_EQ(roles.mcp_server.service, "tools-api");
  EXPECT_EQ(roles.mcp_server.port, 9123);
  EXPECT_EQ(roles.mcp_server.path, "/rpc/v2");
  EXPECT_EQ(roles.mcp_server.name, "acme");
  EXPECT_EQ(roles.mcp_server.Url(), "http://tools-api:9123/rpc/v2");
  EXPECT_EQ(roles.claude_runner.service, "runner");
  EXPECT_EQ(roles.provider_stub.service, "fake-llm");
  EXPECT_EQ(roles.provider_stub.port, 8081);
  EXPECT_EQ(roles.HealthTimeoutOf("tools-api", seconds(90)), seconds(120));
  EXPECT_EQ(roles.HealthTimeoutOf("runner", seconds(90)), seconds(45));
}

TEST(StackRoles, PathDefaultsToMcpAndNameToTheService) {
  const e2e::StackRoles roles =
      WithRoles("x-e2e:\n  mcp_server: {service: tools-api, port: 80}\n").roles;
  EXPECT_EQ(roles.mcp_server.path, "/mcp");
  EXPECT_EQ(roles.mcp_server.name, "tools-api");
  EXPECT_TRUE(roles.claude_runner.service.empty());
  EXPECT_TRUE(roles.provider_stub.service.empty());
  EXPECT_EQ(roles.HealthTimeoutOf("tools-api", seconds(90)), seconds(90));
}

TEST(StackRoles, AFileWithoutXE2eHasNoRoles) {
  const e2e::StackRoles roles = WithRoles("").roles;
  EXPECT_TRUE(roles.mcp_server.service.empty());
  EXPECT_TRUE(roles.claude_runner.service.empty());
  EXPECT_TRUE(roles.provider_stub.service.empty());
  EXPECT_FALSE(roles.health_timeout.has_value());
}

TEST(StackRoles, MistakesAreErrorsAtTheirLineAndColumn) {
  ExpectRolesError("x-e2e:\n  mcp_server: {service: tools-api, port: 80}\n  stub: {}\n", "8:3",
                   "unsupported key 'stub' in x-e2e");
  ExpectRolesError("x-e2e:\n  mcp_server: {service: tools-api, port: 80, url: x}\n", "7:46",
                   "unsupported key 'url' in x-e2e.mcp_server");
  ExpectRolesError("x-e2e:\n  mcp_server: {service: mcp-server, port: 80}\n", "7:25",
                   "x-e2e.mcp_server.service names 'mcp-server', which is not a service");
  ExpectRolesError("x-e2e:\n  mcp_server: {service: tools-api}\n", "7:15",
                   "x-e2e.mcp_server needs 'port'");
  ExpectRolesError("x-e2e:\n  mcp_server: {service: tools-api, port: 70000}\n", "7:42",
                   "must be a port number");
  ExpectRolesError("x-e2e:\n  mcp_server: {service: tools-api, port: 80, path: rpc}\n", "7:52",
                   "must start with '/'");
  ExpectRolesError("x-e2e:\n  mcp_server: {service: tools-api, port: 80, name: a.b}\n", "7:52",
                   "may hold only letters");
  ExpectRolesError("x-e2e:\n  provider_stub: {service: fake-llm}\n", "7:18",
                   "x-e2e.provider_stub needs 'port'");
  ExpectRolesError("x-e2e:\n  claude_runner: {service: runner, port: 1}\n", "7:36",
                   "unsupported key 'port' in x-e2e.claude_runner");
  ExpectRolesError("x-e2e:\n  health_timeouts: {nobody: 5s}\n", "7:21",
                   "'nobody' is not a service");
  ExpectRolesError("x-e2e:\n  health_timeout: soon\n", "7:19", "is not a duration");
}

TEST(StackRoles, TheProjectsStackFileNamesTheReferenceServer) {
  const auto spec = e2e::LoadStackSpec(E2E_SOURCE_DIR "/compose/stack.yml", RoleVars);
  EXPECT_EQ(spec.roles.mcp_server.Url(), "http://mcp-server:8000/mcp");
  EXPECT_EQ(spec.roles.mcp_server.name, "e2e");
  EXPECT_EQ(spec.roles.claude_runner.service, "claude-runner");
  EXPECT_EQ(spec.roles.provider_stub.service, "model-stub");
  EXPECT_EQ(spec.roles.provider_stub.port, 8080);
}

TEST(StackRoles, TheOtherServerStackFileNamesItsOwnServer) {
  const auto spec =
      e2e::LoadStackSpec(E2E_SOURCE_DIR "/test/scenarios/stacks/other_server.yml", RoleVars);
  EXPECT_EQ(spec.roles.mcp_server.Url(), "http://tools-api:9123/rpc");
  EXPECT_EQ(spec.roles.mcp_server.name, "acme");
  EXPECT_EQ(spec.roles.claude_runner.service, "agent");
  EXPECT_EQ(spec.roles.provider_stub.service, "llm-fake");
}

}  // namespace
