// The rest of the Engine client against the real daemon: system, images,
// networks, volumes, container lifecycle, logs, archives, stats and exec
// stdin/timeouts. Every test labels what it makes and removes it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "docker/tar_reader.h"
#include "docker/tar_writer.h"
#include "engine.h"

namespace {

using integration::Engine;
using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

struct Removed {
  std::string container, network, volume, image;
  ~Removed() {
    if (!container.empty()) Engine().RemoveContainer(container);
    if (!network.empty()) Engine().RemoveNetwork(network);
    if (!volume.empty()) Engine().RemoveVolume(volume);
    if (!image.empty()) Engine().RemoveImage(image, {.force = true, .missing_ok = true});
  }
};

docker::ContainerCreate Idle(const std::string& name) {
  return {.name = integration::UniqueName(name),
          .image = integration::kBaseImage,
          .cmd = {"sleep", "infinity"},
          .labels = integration::TestLabels()};
}

std::string Started(docker::ContainerCreate create, Removed& removed) {
  removed.container = Engine().CreateContainer(create);
  Engine().StartContainer(removed.container);
  return removed.container;
}

int64_t Now() {
  return std::chrono::duration_cast<seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(DockerSystem, InfoDescribesTheDaemon) {
  const auto info = Engine().Info();
  EXPECT_FALSE(info.server_version.empty());
  EXPECT_GT(info.ncpu, 0);
  EXPECT_GT(info.mem_total, 0);
  EXPECT_TRUE(info.raw.contains("Driver"));
}

TEST(DockerSystem, EventsReplayALabelledContainersLifeAndCanBeCancelled) {
  const int64_t since = Now() - 1;
  std::string id;
  {
    Removed removed;
    id = Started(Idle("events"), removed);
  }
  std::vector<std::string> actions;
  docker::Filters filters = integration::SessionFilter();
  filters["container"] = {id};
  Engine().Events({.filters = filters, .since = since, .until = Now() + 1, .timeout = seconds(10)},
                  [&](const docker::Event& event) {
                    EXPECT_EQ(event.actor_id, id);
                    actions.push_back(event.action);
                    return true;
                  });
  EXPECT_THAT(actions, Contains("create"));
  EXPECT_THAT(actions, Contains("start"));
  EXPECT_THAT(actions, Contains("destroy"));

  int seen = 0;
  const auto started = std::chrono::steady_clock::now();
  Engine().Events({.filters = filters, .since = since, .timeout = seconds(10)},
                  [&](const docker::Event&) { return ++seen < 1; });
  EXPECT_EQ(seen, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(5));

  EXPECT_THROW(Engine().Events({.filters = filters, .timeout = milliseconds(300)},
                               [](const docker::Event&) { return true; }),
               docker::Timeout);
}

TEST(DockerImages, ImportsARootfsTagsListsReadsAndRemovesIt) {
  const std::string tar_path = std::filesystem::temp_directory_path() /
                               ("e2e-rootfs-" + std::to_string(::getpid()) + ".tar");
  auto tar = docker::TarWriter::ToFile(tar_path);
  tar.AddFile("hello.txt", "from the rootfs\n");
  tar.Finish();
  const std::string repo = "mcp-e2e/it-import-" + std::to_string(::getpid());
  Removed removed;
  const std::string id =
      Engine().ImportImage({.source_tar_path = tar_path,
                            .repo = repo,
                            .tag = "1",
                            .changes = {"CMD [\"/nothing\"]", "LABEL e2e.test=integration"}});
  std::filesystem::remove(tar_path);
  removed.image = id;
  EXPECT_EQ(Engine().InspectImage(repo + ":1")["Id"], id);
  EXPECT_EQ(Engine().InspectImage(id)["Config"]["Labels"]["e2e.test"], "integration");

  Engine().TagImage(repo + ":1", repo, "2");
  const auto listed = Engine().ListImages({{"reference", {repo}}});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_THAT(listed[0].repo_tags, ::testing::UnorderedElementsAre(repo + ":1", repo + ":2"));

  // A created (never started) container is enough to read the image's files.
  Removed container;
  container.container = Engine().CreateContainer({.name = integration::UniqueName("imported"),
                                                  .image = repo + ":2",
                                                  .labels = integration::TestLabels()});
  EXPECT_EQ(Engine().ReadFile(container.container, "/hello.txt"), "from the rootfs\n");

  // With two tags, removing one only untags it.
  const auto untagged = Engine().RemoveImage(repo + ":2");
  ASSERT_EQ(untagged.size(), 1u);
  EXPECT_EQ(untagged[0].untagged, repo + ":2");
  EXPECT_THROW(Engine().RemoveImage(repo + ":1"), docker::Conflict) << "its last tag, in use";
  Engine().RemoveContainer(container.container);
  const auto deleted = Engine().RemoveImage(repo + ":1");
  EXPECT_THAT(deleted, Contains(::testing::Field(&docker::ImageDeleted::deleted, id)));
  EXPECT_FALSE(Engine().ImageExists(id));
  EXPECT_THROW(Engine().RemoveImage(repo + ":1"), docker::NotFound);
  EXPECT_NO_THROW(Engine().RemoveImage(repo + ":1", {.missing_ok = true}));
}

TEST(DockerNetworks, ExplicitSubnetConnectWithAliasesDisconnectAndPrune) {
  Removed removed;
  const std::string marker = "e2e.it-net=" + std::to_string(::getpid());
  docker::Labels labels = integration::TestLabels();
  labels["e2e.it-net"] = std::to_string(::getpid());
  const std::string subnet = "10.213." + std::to_string(::getpid() % 250) + ".0/24";
  removed.network = Engine().CreateNetwork(
      {.name = integration::UniqueName("net"), .labels = labels, .subnet = subnet});
  auto inspect = Engine().InspectNetwork(removed.network);
  EXPECT_THAT(inspect.subnets, ::testing::ElementsAre(subnet));
  EXPECT_EQ(inspect.labels.at("e2e.it-net"), std::to_string(::getpid()));

  Removed container;
  const std::string id = Started(Idle("joiner"), container);
  Engine().ConnectNetwork(removed.network, id, {"the-alias"});
  inspect = Engine().InspectNetwork(removed.network);
  ASSERT_EQ(inspect.containers.count(id), 1u);
  EXPECT_THAT(inspect.containers[id].ipv4_address, ::testing::StartsWith("10.213."));
  const auto lookup = Engine().Exec(id, {.cmd = {"getent", "hosts", "the-alias"}});
  EXPECT_EQ(lookup.exit_code, 0) << lookup.output.err;

  Engine().DisconnectNetwork(removed.network, id);
  EXPECT_TRUE(Engine().InspectNetwork(removed.network).containers.empty());
  const auto pruned = Engine().PruneNetworks({{"label", {marker}}});
  EXPECT_THAT(pruned.deleted, Contains(inspect.name));
  EXPECT_THROW(Engine().InspectNetwork(removed.network), docker::NotFound);
}

TEST(DockerVolumes, InspectAndPruneByLabel) {
  Removed removed;
  docker::Labels labels = integration::TestLabels();
  labels["e2e.it-vol"] = std::to_string(::getpid());
  removed.volume = integration::UniqueName("vol");
  Engine().CreateVolume({.name = removed.volume, .labels = labels});
  const auto volume = Engine().InspectVolume(removed.volume);
  EXPECT_EQ(volume.driver, "local");
  EXPECT_FALSE(volume.mountpoint.empty());
  EXPECT_EQ(volume.labels.at("e2e.it-vol"), std::to_string(::getpid()));
  const auto pruned =
      Engine().PruneVolumes({{"label", {"e2e.it-vol=" + std::to_string(::getpid())}}});
  EXPECT_THAT(pruned.deleted, Contains(removed.volume));
  EXPECT_THROW(Engine().InspectVolume(removed.volume), docker::NotFound);
}

TEST(DockerContainers, HardenedHostConfigIsAppliedAndEnforced) {
  Removed removed;
  auto create = Idle("hardened");
  create.memory_bytes = int64_t{128} << 20;
  create.memory_swap_bytes = int64_t{128} << 20;
  create.read_only_rootfs = true;
  create.tmpfs = {{"/tmp", "rw,size=8m"}};
  create.cap_drop = {"ALL"};
  create.cap_add = {"CHOWN"};
  create.security_opt = {"no-new-privileges"};
  create.init = true;
  const std::string id = Started(create, removed);
  const auto host = Engine().InspectContainer(id).raw["HostConfig"];
  EXPECT_EQ(host["MemorySwap"], int64_t{128} << 20);
  EXPECT_EQ(host["ReadonlyRootfs"], true);
  EXPECT_EQ(host["Tmpfs"]["/tmp"], "rw,size=8m");
  EXPECT_EQ(host["CapDrop"], nlohmann::json({"ALL"}));
  EXPECT_EQ(host["CapAdd"], nlohmann::json({"CHOWN"}));
  EXPECT_EQ(host["SecurityOpt"], nlohmann::json({"no-new-privileges"}));
  EXPECT_EQ(host["Init"], true);

  EXPECT_NE(Engine().Exec(id, {.cmd = {"touch", "/root-file"}}).exit_code, 0);
  EXPECT_EQ(Engine().Exec(id, {.cmd = {"touch", "/tmp/ok"}}).exit_code, 0);
  const auto pid1 = Engine().Exec(id, {.cmd = {"cat", "/proc/1/comm"}});
  EXPECT_THAT(pid1.output.out, HasSubstr("init")) << "docker-init runs as PID 1";
}

TEST(DockerContainers, StopWaitRestartKillAndStats) {
  Removed removed;
  const std::string id = Started(Idle("lifecycle"), removed);
  const auto stats = Engine().Stats(id);
  EXPECT_GT(stats.memory_usage, 0u);
  EXPECT_GE(stats.pids, 1u);

  Engine().StopContainer(id, seconds(1));
  EXPECT_FALSE(Engine().InspectContainer(id).state.running);
  EXPECT_NO_THROW(Engine().StopContainer(id, seconds(1))) << "stopping twice is harmless";
  EXPECT_EQ(Engine().WaitContainer(id, docker::WaitCondition::kNotRunning, seconds(5)).status_code,
            137)
      << "sleep ignores SIGTERM as PID 1, so the stop ends in SIGKILL";

  Engine().RestartContainer(id, seconds(1));
  EXPECT_TRUE(Engine().InspectContainer(id).state.running);
  Engine().KillContainer(id, "SIGKILL");
  EXPECT_EQ(Engine().WaitContainer(id, docker::WaitCondition::kNotRunning, seconds(5)).status_code,
            137);
  EXPECT_THROW(Engine().KillContainer(id), docker::Conflict) << "not running";
  EXPECT_THROW(Engine().WaitContainer(id, docker::WaitCondition::kNextExit, milliseconds(300)),
               docker::Timeout);
}

TEST(DockerContainers, AutoRemoveIsObservedByWaitingForRemoved) {
  Removed removed;
  auto create = Idle("autoremove");
  create.cmd = {"sleep", "1"};
  create.auto_remove = true;
  const std::string id = Started(create, removed);
  const auto waited = Engine().WaitContainer(id, docker::WaitCondition::kRemoved, seconds(15));
  EXPECT_EQ(waited.status_code, 0);
  EXPECT_THROW(Engine().InspectContainer(id), docker::NotFound);
}

TEST(DockerContainers, LogsFollowUntilTheContainerStopsOrTheCallbackStops) {
  Removed finite;
  auto counted = Idle("logs-finite");
  counted.cmd = {"sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.2; done; echo bye >&2"};
  const std::string id = Started(counted, finite);
  std::string out, err;
  Engine().Logs(id, {.follow = true, .timeout = seconds(15)},
                [&](docker::StreamKind kind, std::string_view bytes) {
                  (kind == docker::StreamKind::kStdout ? out : err).append(bytes);
                  return true;
                });
  EXPECT_EQ(out, "line1\nline2\nline3\n");
  EXPECT_EQ(err, "bye\n");
  // tail counts lines of both streams together.
  const auto tail = Engine().Logs(id, {.tail = 2});
  EXPECT_EQ(tail.out, "line3\n");
  EXPECT_EQ(tail.err, "bye\n");
  EXPECT_EQ(Engine().Logs(id, {.stderr_stream = false}).err, "");
  const auto stamped = Engine().Logs(id, {.timestamps = true});
  EXPECT_THAT(stamped.out,
              ::testing::MatchesRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[^ ]+ line1\n(.|\n)*"));

  Removed endless;
  auto ticking = Idle("logs-endless");
  ticking.cmd = {"sh", "-c", "while true; do echo tick; sleep 0.1; done"};
  const std::string ticker = Started(ticking, endless);
  int ticks = 0;
  const auto started = std::chrono::steady_clock::now();
  Engine().Logs(ticker, {.follow = true, .timeout = seconds(15)},
                [&](docker::StreamKind, std::string_view) { return ++ticks < 3; });
  EXPECT_EQ(ticks, 3);
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(5));
}

TEST(DockerContainers, ArchiveGetReturnsWhatPutArchiveWrote) {
  Removed removed;
  const std::string id = Started(Idle("archive-get"), removed);
  auto tar = docker::TarWriter::ToMemory();
  tar.AddFile("out/report.json", R"({"passed":3})");
  tar.Finish();
  Engine().PutArchive(id, "/tmp", tar.TakeBytes());
  const std::string directory = Engine().GetArchive(id, "/tmp/out");
  EXPECT_EQ(docker::ReadTarFile(directory, "out/report.json"), R"({"passed":3})");
  EXPECT_EQ(Engine().ReadFile(id, "/tmp/out/report.json"), R"({"passed":3})");
  EXPECT_THROW(Engine().GetArchive(id, "/no/such/file"), docker::NotFound);
}

TEST(DockerExec, StdinReachesTheCommandAsAnyUserAndLeavesNoFile) {
  Removed removed;
  const std::string id = Started(Idle("exec-stdin"), removed);
  const auto upper =
      Engine().Exec(id, {.cmd = {"tr", "a-z", "A-Z"}, .input = std::string("hello\n")});
  EXPECT_EQ(upper.exit_code, 0) << upper.output.err;
  EXPECT_EQ(upper.output.out, "HELLO\n");
  const auto as_nobody =
      Engine().Exec(id, {.cmd = {"wc", "-c"}, .user = "nobody", .input = std::string(100000, 'x')});
  EXPECT_EQ(as_nobody.output.out, "100000\n") << as_nobody.output.err;
  EXPECT_EQ(Engine().Exec(id, {.cmd = {"sh", "-c", "ls -a /tmp | grep -c e2e-stdin"}}).output.out,
            "0\n");
}

TEST(DockerExec, OutputIsStreamedWhileCaptured) {
  Removed removed;
  const std::string id = Started(Idle("exec-stream"), removed);
  std::string streamed;
  const auto result = Engine().Exec(id, {.cmd = {"sh", "-c", "echo a; echo b >&2; echo c"},
                                         .on_output = [&](docker::StreamKind, std::string_view b) {
                                           streamed.append(b);
                                           return true;
                                         }});
  EXPECT_EQ(result.output.out, "a\nc\n");
  EXPECT_EQ(streamed.size(), std::string("a\nb\nc\n").size());
}

TEST(DockerExec, TimeoutKillsTheCommandAndItsChildren) {
  Removed removed;
  const std::string id = Started(Idle("exec-kill"), removed);
  try {
    Engine().Exec(id, {.cmd = {"sh", "-c", "echo started; sleep 300 & sleep 300"},
                       .user = "nobody",
                       .timeout = milliseconds(1500)});
    FAIL() << "exec did not time out";
  } catch (const docker::Timeout& e) {
    EXPECT_THAT(e.what(), HasSubstr("did not finish within 1500 ms"));
    EXPECT_THAT(e.what(), HasSubstr("killed it with SIGKILL"));
    EXPECT_THAT(e.what(), HasSubstr("started"));
  }
  // The idle container's own `sleep infinity` is PID 1; no other sleep may remain.
  const auto left = Engine().Exec(
      id,
      {.cmd = {"sh", "-c", "for p in /proc/[0-9]*; do cat $p/cmdline 2>/dev/null; echo; done"}});
  EXPECT_THAT(left.output.out, Not(HasSubstr("sleep300"))) << left.output.out;
}

}  // namespace
