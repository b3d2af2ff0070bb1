// The Engine client against the real daemon. Every test removes what it made.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "docker/tar_writer.h"
#include "engine.h"

namespace {

using integration::Engine;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Removes a container when the test ends, however it ends.
struct ContainerGuard {
  std::string id;
  ~ContainerGuard() {
    if (!id.empty()) Engine().RemoveContainer(id);
  }
};

std::string StartIdleContainer(const std::string& name, ContainerGuard& guard,
                               const std::string& network = "") {
  guard.id = Engine().CreateContainer({.name = integration::UniqueName(name),
                                       .image = integration::kBaseImage,
                                       .cmd = {"sleep", "infinity"},
                                       .labels = integration::TestLabels(),
                                       .nano_cpus = 1'000'000'000,
                                       .memory_bytes = int64_t{256} << 20,
                                       .pids_limit = 64,
                                       .network = network});
  Engine().StartContainer(guard.id);
  return guard.id;
}

TEST(DockerClient, NegotiatesAnApiVersionNoNewerThanItsOwn) {
  const std::string version = Engine().ApiVersion();
  EXPECT_THAT(version, ::testing::MatchesRegex("1\\.[0-9]+"));
  EXPECT_LE(std::stoi(version.substr(2)), 41);
  EXPECT_TRUE(Engine().Version().contains("ApiVersion"));
}

TEST(DockerClient, CreatesInspectsAndRemovesAContainerWithLimitsAndLabels) {
  ContainerGuard guard;
  const std::string id = StartIdleContainer("limits", guard);
  const auto inspect = Engine().InspectContainer(id);
  EXPECT_TRUE(inspect.state.running);
  EXPECT_EQ(inspect.raw["HostConfig"]["NanoCpus"], 1'000'000'000);
  EXPECT_EQ(inspect.raw["HostConfig"]["Memory"], int64_t{256} << 20);
  EXPECT_EQ(inspect.raw["HostConfig"]["PidsLimit"], 64);
  EXPECT_EQ(inspect.raw["Config"]["Labels"]["e2e.test"], "integration");

  Engine().RemoveContainer(id);
  EXPECT_THROW(Engine().InspectContainer(id), docker::NotFound);
  EXPECT_NO_THROW(Engine().RemoveContainer(id)) << "removing twice must be harmless";
}

TEST(DockerClient, ExecReturnsExitCodeAndSeparateStreams) {
  ContainerGuard guard;
  const std::string id = StartIdleContainer("exec", guard);
  const auto result =
      Engine().Exec(id, {.cmd = {"sh", "-c", "echo out; echo err >&2; exit 3"}, .env = {"A=1"}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.output.out, "out\n");
  EXPECT_EQ(result.output.err, "err\n");

  const auto env = Engine().Exec(
      id, {.cmd = {"sh", "-c", "echo $A; pwd"}, .env = {"A=xyz"}, .working_dir = "/tmp"});
  EXPECT_EQ(env.output.out, "xyz\n/tmp\n");
}

TEST(DockerClient, ExecTimesOutWithAClearError) {
  ContainerGuard guard;
  const std::string id = StartIdleContainer("exec-timeout", guard);
  try {
    Engine().Exec(id, {.cmd = {"sh", "-c", "echo started; sleep 30"},
                       .timeout = std::chrono::milliseconds(1500)});
    FAIL() << "exec did not time out";
  } catch (const docker::Timeout& e) {
    EXPECT_THAT(e.what(), HasSubstr("did not finish within 1500 ms"));
    EXPECT_THAT(e.what(), HasSubstr("started"));
  }
}

TEST(DockerClient, PutArchiveWritesFilesThatExecCanRead) {
  ContainerGuard guard;
  const std::string id = StartIdleContainer("archive", guard);
  auto tar = docker::TarWriter::ToMemory();
  tar.AddFile("config/mcp.json", R"({"ok":true})");
  tar.AddFile("run.sh", "#!/bin/sh\necho ran\n", 0755);
  tar.Finish();
  Engine().PutArchive(id, "/tmp", tar.TakeBytes());
  EXPECT_EQ(Engine().Exec(id, {.cmd = {"cat", "/tmp/config/mcp.json"}}).output.out,
            R"({"ok":true})");
  EXPECT_EQ(Engine().Exec(id, {.cmd = {"/tmp/run.sh"}}).output.out, "ran\n");
  EXPECT_THROW(Engine().PutArchive(id, "/no/such/dir", tar.TakeBytes()), docker::Error);
}

TEST(DockerClient, LogsAreDemultiplexed) {
  ContainerGuard guard;
  guard.id = Engine().CreateContainer({.name = integration::UniqueName("logs"),
                                       .image = integration::kBaseImage,
                                       .cmd = {"sh", "-c", "echo to-out; echo to-err >&2"},
                                       .labels = integration::TestLabels()});
  Engine().StartContainer(guard.id);
  // The daemon says when the command has exited: no polling needed.
  Engine().WaitContainer(guard.id, docker::WaitCondition::kNotRunning, std::chrono::seconds(5));
  ASSERT_EQ(Engine().InspectContainer(guard.id).state.status, "exited");
  const auto logs = Engine().Logs(guard.id);
  EXPECT_EQ(logs.out, "to-out\n");
  EXPECT_EQ(logs.err, "to-err\n");
}

TEST(DockerClient, NetworksGiveDnsByAliasAndAreRemoved) {
  const std::string network = integration::UniqueName("net");
  const std::string network_id = Engine().CreateNetwork(
      {.name = network, .internal = true, .labels = integration::TestLabels()});
  ContainerGuard server, client;
  server.id = Engine().CreateContainer({.name = integration::UniqueName("srv"),
                                        .image = integration::kBaseImage,
                                        .cmd = {"sleep", "infinity"},
                                        .labels = integration::TestLabels(),
                                        .network = network,
                                        .aliases = {"the-server"}});
  Engine().StartContainer(server.id);
  StartIdleContainer("cli", client, network);
  const auto lookup = Engine().Exec(client.id, {.cmd = {"getent", "hosts", "the-server"}});
  EXPECT_EQ(lookup.exit_code, 0) << lookup.output.err;

  const auto listed =
      Engine().ListNetworks({{"label", {"e2e.test=integration"}}, {"name", {network}}});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].internal);

  Engine().RemoveContainer(server.id);
  Engine().RemoveContainer(client.id);
  Engine().RemoveNetwork(network_id);
  EXPECT_THAT(Engine().ListNetworks({{"name", {network}}}), IsEmpty());
  EXPECT_NO_THROW(Engine().RemoveNetwork(network_id));
}

TEST(DockerClient, VolumesAreCreatedListedAndRemoved) {
  const std::string name = integration::UniqueName("vol");
  Engine().CreateVolume({.name = name, .labels = integration::TestLabels()});
  const auto listed = Engine().ListVolumes({{"name", {name}}});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].labels.at("e2e.test"), "integration");
  Engine().RemoveVolume(name);
  EXPECT_THAT(Engine().ListVolumes({{"name", {name}}}), IsEmpty());
}

TEST(DockerClient, ErrorsCarryTheDaemonsMessage) {
  try {
    Engine().CreateContainer(
        {.name = integration::UniqueName("bad"), .image = "mcp-e2e/no-such-image:0"});
    FAIL();
  } catch (const docker::NotFound& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.method(), "POST");
    EXPECT_THAT(e.path(), HasSubstr("/containers/create"));
    EXPECT_THAT(e.daemon_message(), HasSubstr("no-such-image"));
  }
}

class ImageBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("e2e-build-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "context");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Context(const std::string& dockerfile) {
    std::ofstream(dir_ / "context" / "Dockerfile") << dockerfile;
    std::ofstream(dir_ / "context" / "greeting.txt") << "hello from the context\n";
    const std::string tar_path = (dir_ / "context.tar").string();
    auto tar = docker::TarWriter::ToFile(tar_path);
    tar.AddTree((dir_ / "context").string());
    tar.Finish();
    return tar_path;
  }

  std::filesystem::path dir_;
};

TEST_F(ImageBuild, BuildsFromATarContextAndStreamsProgress) {
  const std::string tag = "mcp-e2e/it-build:" + std::to_string(::getpid());
  std::vector<std::string> progress;
  const std::string id = Engine().BuildImage(
      {.context_tar_path = Context("FROM debian:bookworm-slim\nCOPY greeting.txt /greeting.txt\n"),
       .tags = {tag},
       .labels = {{"e2e.test", "integration"}}},
      [&](const std::string& line) { progress.push_back(line); });
  EXPECT_THAT(id, ::testing::StartsWith("sha256:"));
  EXPECT_FALSE(progress.empty());
  EXPECT_TRUE(Engine().ImageExists(tag));
  EXPECT_EQ(Engine().InspectImage(tag)["Config"]["Labels"]["e2e.test"], "integration");
  Engine().RemoveImage(tag);
  EXPECT_FALSE(Engine().ImageExists(tag));
}

TEST_F(ImageBuild, AFailingStepRaisesBuildFailedWithItsMessage) {
  try {
    Engine().BuildImage({.context_tar_path = Context("FROM debian:bookworm-slim\nRUN exit 7\n"),
                         .tags = {"mcp-e2e/it-broken:1"}});
    FAIL() << "the build succeeded";
  } catch (const docker::BuildFailed& e) {
    EXPECT_THAT(e.daemon_message(), HasSubstr("returned a non-zero code: 7"));
  }
}

TEST(DockerClient, IsSafeToUseFromSeveralThreads) {
  std::vector<std::future<std::string>> tasks;
  for (int i = 0; i < 8; ++i) {
    tasks.push_back(std::async(std::launch::async,
                               [] { return Engine().Version()["ApiVersion"].get<std::string>(); }));
  }
  for (auto& task : tasks) EXPECT_FALSE(task.get().empty());
}

}  // namespace
