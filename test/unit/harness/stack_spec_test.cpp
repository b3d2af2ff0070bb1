#include "e2e/stack_spec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::optional<std::string> Vars(const std::string& name) {
  if (name == "E2E_ID") return "ab12cd";
  if (name == "IMAGE") return "mcp-e2e/server:1";
  return std::nullopt;
}

constexpr const char* kStack = R"(name: e2e_${E2E_ID}
x-limits: &limits
  resources:
    limits: {cpus: "1", memory: 1g, pids: 256}
services:
  stub:
    image: stub:1
    environment:
      PORT: "8080"
    healthcheck:
      test: ["CMD", "stub", "--healthcheck"]
      interval: 250ms
      timeout: 2s
      retries: 40
      start_period: 1m30s
    deploy: *limits
    networks: [net]
  server:
    image: ${IMAGE}
    command: serve --port 8000
    environment:
      - BASE=http://stub:${PORT:-8080}
    volumes: ["data:/data", "cache:/cache:ro"]
    depends_on:
      stub: {condition: service_healthy}
    networks:
      net:
        aliases: [api]
  runner:
    image: runner:1
    depends_on: [server]
networks:
  net:
    internal: true
volumes:
  data: {}
  cache:
)";

TEST(ParseStackSpec, ReadsTheSupportedSubset) {
  const e2e::StackSpec spec = e2e::ParseStackSpec(kStack, "stack.yml", Vars);
  ASSERT_EQ(spec.services.size(), 3u);
  EXPECT_EQ(spec.network, "net");
  EXPECT_TRUE(spec.network_internal);
  EXPECT_THAT(spec.volumes, ElementsAre("data", "cache"));

  const e2e::ServiceSpec& stub = *spec.Find("stub");
  EXPECT_EQ(stub.environment.at("PORT"), "8080");
  ASSERT_TRUE(stub.healthcheck);
  EXPECT_THAT(stub.healthcheck->test, ElementsAre("CMD", "stub", "--healthcheck"));
  EXPECT_EQ(stub.healthcheck->interval, std::chrono::milliseconds(250));
  EXPECT_EQ(stub.healthcheck->timeout, std::chrono::seconds(2));
  EXPECT_EQ(stub.healthcheck->start_period, std::chrono::seconds(90));
  EXPECT_EQ(stub.healthcheck->retries, 40);
  EXPECT_EQ(stub.cpus, 1.0);
  EXPECT_EQ(stub.memory_bytes, int64_t{1} << 30);
  EXPECT_EQ(stub.pids, 256);

  const e2e::ServiceSpec& server = *spec.Find("server");
  EXPECT_EQ(server.image, "mcp-e2e/server:1");
  EXPECT_THAT(server.command, ElementsAre("serve", "--port", "8000"));
  EXPECT_EQ(server.environment.at("BASE"), "http://stub:8080");
  EXPECT_THAT(server.aliases, ElementsAre("api"));
  ASSERT_EQ(server.volumes.size(), 2u);
  EXPECT_EQ(server.volumes[1].volume, "cache");
  EXPECT_EQ(server.volumes[1].target, "/cache");
  EXPECT_TRUE(server.volumes[1].read_only);
  ASSERT_EQ(server.depends_on.size(), 1u);
  EXPECT_EQ(server.depends_on[0].condition, e2e::DependencyCondition::kHealthy);
  EXPECT_EQ(spec.Find("runner")->depends_on[0].condition, e2e::DependencyCondition::kStarted);
}

TEST(ParseStackSpec, StartGroupsFollowDependsOn) {
  const e2e::StackSpec spec = e2e::ParseStackSpec(kStack, "stack.yml", Vars);
  const auto groups = spec.StartGroups();
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0][0]->name, "stub");
  EXPECT_EQ(groups[1][0]->name, "server");
  EXPECT_EQ(groups[2][0]->name, "runner");
}

void ExpectSpecError(const std::string& text, const std::string& location,
                     const std::string& message) {
  try {
    e2e::ParseStackSpec(text, "stack.yml", Vars);
    FAIL() << "accepted:\n" << text;
  } catch (const e2e::SpecError& e) {
    EXPECT_THAT(e.what(), StartsWith("stack.yml:" + location + ": "));
    EXPECT_THAT(e.what(), HasSubstr(message));
  }
}

TEST(ParseStackSpec, AnUnknownKeyIsAnErrorAtItsLineAndColumn) {
  ExpectSpecError("services:\n  a:\n    image: x\n    ports: [\"80:80\"]\nnetworks: {n: {}}\n",
                  "4:5", "unsupported key 'ports' in services.a");
  ExpectSpecError("services:\n  a: {image: x}\nnetworks: {n: {}}\nconfigs: {}\n", "4:1",
                  "unsupported key 'configs' in the top level");
}

TEST(ParseStackSpec, RejectsWhatTheHarnessCannotHonour) {
  ExpectSpecError(
      "services:\n  a:\n    image: x\n    volumes: [\"/host:/data\"]\nnetworks: {n: {}}\n", "4:15",
      "not a named volume");
  ExpectSpecError("services:\n  a:\n    image: x\n    depends_on: [b]\nnetworks: {n: {}}\n", "4:17",
                  "unknown service 'b'");
  ExpectSpecError("services:\n  a:\n    image: ${REQUIRED:?set it}\nnetworks: {n: {}}\n", "3:12",
                  "required variable REQUIRED is not set");
  ExpectSpecError(
      "services:\n  a:\n    image: x\n    deploy: {resources: {limits: {memory: lots}}}\n"
      "networks: {n: {}}\n",
      "4:43", "is not a size");
  ExpectSpecError("services:\n  a: {image: x}\n", "1:1", "at least one network");
  ExpectSpecError("services: [\n", "1:11", "never closed");
}

// yaml-cpp notices these lines later than they are; the error names the line to fix.
TEST(ParseStackSpec, ASyntaxErrorNamesTheLineThatHoldsIt) {
  // An unclosed '[' is noticed at the first token that cannot continue it.
  ExpectSpecError(
      "services:\n  a:\n    image: x\n    command: [sleep, \"1\"\n    # a comment\n\n"
      "    user: root\nnetworks: {n: {}}\n",
      "4:14", "never closed");
  ExpectSpecError(
      "services:\n  a:\n    deploy: {resources: {}\n\n    image: x\nnetworks: {n: {}}\n", "3:13",
      "never closed");
  // A key without ':' runs on as a plain value into the next key's line.
  ExpectSpecError(
      "services:\n  a:\n    deploy:\n      # why\n      resources\n        limits: {cpus: 1}\n"
      "    image: x\nnetworks: {n: {}}\n",
      "5:7", "missing its ':'");
  // Where yaml-cpp's place is right, it stays.
  ExpectSpecError("services:\n  a:\n    image: x\n\tuser: y\nnetworks: {n: {}}\n", "4:1",
                  "illegal tab");
}

// Found by fuzz_stack_spec: yaml-cpp's conversion errors escaped as YAML::Exception.
TEST(ParseStackSpec, AKeyThatIsNotTextIsASpecErrorAtItsPlace) {
  ExpectSpecError("services:\n  [a, b]: {image: x}\nnetworks: {n: {}}\n", "2:3", "bad conversion");
  ExpectSpecError("services:\n  a: {image: x}\nnetworks:\n  ? {n: 1}\n  : {}\n", "4:5",
                  "bad conversion");
}

TEST(ParseStackSpec, AServiceMayJoinFurtherNetworksAfterTheStackNetwork) {
  const e2e::StackSpec spec = e2e::ParseStackSpec(
      "services:\n  stub: {image: x, networks: [net, egress]}\n  server: {image: x}\n"
      "networks:\n  net: {internal: true}\n  egress: {internal: false}\n",
      "stack.yml", Vars);
  EXPECT_EQ(spec.network, "net");
  EXPECT_TRUE(spec.network_internal);
  ASSERT_EQ(spec.extra_networks.size(), 1u);
  EXPECT_EQ(spec.extra_networks[0].key, "egress");
  EXPECT_FALSE(spec.extra_networks[0].internal);
  EXPECT_THAT(spec.Find("stub")->extra_networks, ElementsAre("egress"));
  EXPECT_TRUE(spec.Find("server")->extra_networks.empty());
  ExpectSpecError("services:\n  a: {image: x, networks: [n, other]}\nnetworks: {n: {}}\n", "2:31",
                  "unknown network 'other'");
  ExpectSpecError(
      "services:\n  a:\n    image: x\n    networks: {e: {aliases: [b]}}\nnetworks: {n: {}, e: "
      "{}}\n",
      "4:29", "first network only");
}

TEST(ParseStackSpec, ADependencyCycleIsAnErrorNamingItsServicesInOrder) {
  try {
    e2e::ParseStackSpec(
        "services:\n  root: {image: x}\n  a: {image: x, depends_on: [root, b]}\n"
        "  b: {image: x, depends_on: [c]}\n  c: {image: x, depends_on: [a]}\n"
        "  d: {image: x, depends_on: [a]}\nnetworks: {n: {}}\n",
        "stack.yml", Vars);
    FAIL() << "a cycle was accepted";
  } catch (const e2e::SpecError& e) {
    EXPECT_THAT(e.what(), HasSubstr("depends_on forms a cycle: "));
    // Any rotation of the one cycle; d waits on it but is not part of it.
    EXPECT_THAT(e.what(),
                ::testing::AnyOf(HasSubstr("a -> b -> c -> a"), HasSubstr("b -> c -> a -> b"),
                                 HasSubstr("c -> a -> b -> c")));
  }
}

TEST(LoadStackSpec, TheProjectsStackFileParses) {
  const auto spec = e2e::LoadStackSpec(E2E_SOURCE_DIR "/compose/stack.yml", Vars);
  EXPECT_NE(spec.Find("mcp-server"), nullptr);
  EXPECT_NE(spec.Find("claude-runner"), nullptr);
  EXPECT_NE(spec.Find("model-stub"), nullptr);
  EXPECT_TRUE(spec.network_internal);
  // Offline the stub's egress network is internal too: nothing leaves the stack.
  ASSERT_EQ(spec.extra_networks.size(), 1u);
  EXPECT_EQ(spec.extra_networks[0].key, "egress");
  EXPECT_TRUE(spec.extra_networks[0].internal);
  EXPECT_THAT(spec.Find("model-stub")->extra_networks, ElementsAre("egress"));
  EXPECT_TRUE(spec.Find("mcp-server")->extra_networks.empty());
  EXPECT_TRUE(spec.Find("claude-runner")->extra_networks.empty());
  for (const auto& service : spec.services) {
    EXPECT_EQ(service.cpus, 1.0) << service.name;
    EXPECT_EQ(service.memory_bytes, int64_t{1} << 30) << service.name;
  }
}

}  // namespace
