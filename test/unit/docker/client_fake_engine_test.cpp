// The real client and transport against a fake engine on a unix socket: what
// goes on the wire and how answers and failures come back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "docker/client.h"
#include "docker/tar_reader.h"
#include "docker/tar_writer.h"
#include "fake_engine.h"
#include "frames.h"

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

class ClientAgainstFakeEngine : public ::testing::Test {
 protected:
  void SetUp() override { ::unsetenv("DOCKER_API_VERSION"); }
  docker::Client MakeClient() { return docker::Client({.host = engine_.host()}); }
  fake::Engine engine_;
};

template <typename Expected>
void ExpectMapped(fake::Engine& engine, int status) {
  SCOPED_TRACE(status);
  engine.OnJson("GET", "/containers/c1/json", status,
                R"({"message":"daemon says )" + std::to_string(status) + R"("})");
  docker::Client client({.host = engine.host()});
  try {
    client.InspectContainer("c1");
    FAIL() << "nothing thrown";
  } catch (const Expected& e) {
    EXPECT_EQ(e.status(), status);
    EXPECT_EQ(e.method(), "GET");
    EXPECT_EQ(e.path(), "/v1.41/containers/c1/json");
    EXPECT_EQ(e.daemon_message(), "daemon says " + std::to_string(status));
  }
}

TEST_F(ClientAgainstFakeEngine, MapsEveryErrorStatusThroughTheRealTransport) {
  ExpectMapped<docker::BadRequest>(engine_, 400);
  ExpectMapped<docker::NotFound>(engine_, 404);
  ExpectMapped<docker::Conflict>(engine_, 409);
  ExpectMapped<docker::ServerError>(engine_, 500);
  ExpectMapped<docker::ServerError>(engine_, 503);
}

TEST_F(ClientAgainstFakeEngine, AnswerThatIsNotJsonIsAServerErrorNamingThePath) {
  engine_.On("GET", "/info", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html>proxy</html>", "text/html");
  });
  auto client = MakeClient();
  try {
    client.Info();
    FAIL();
  } catch (const docker::ServerError& e) {
    EXPECT_EQ(e.path(), "/v1.41/info");
    EXPECT_THAT(e.daemon_message(), HasSubstr("not JSON"));
  }
}

TEST(VersionNegotiation, UsesTheDaemonsVersionWhenItIsOlder) {
  ::unsetenv("DOCKER_API_VERSION");
  fake::Engine engine("1.40");
  engine.OnJson("GET", "/version", 200, R"({"ApiVersion":"1.40"})");
  docker::Client client({.host = engine.host()});
  EXPECT_EQ(client.ApiVersion(), "1.40");
  client.Version();
  EXPECT_EQ(engine.Last("GET", "/version")->path, "/v1.40/version");
}

TEST(VersionNegotiation, CapsANewerDaemonAtTheClientsVersion) {
  ::unsetenv("DOCKER_API_VERSION");
  fake::Engine engine("1.45");
  engine.OnJson("GET", "/version", 200, "{}");
  docker::Client client({.host = engine.host()});
  client.Version();
  EXPECT_EQ(engine.Last("GET", "/version")->path, "/v1.41/version");
}

TEST(VersionNegotiation, HonoursDockerApiVersionWithoutPinging) {
  fake::Engine engine("1.41");
  engine.OnJson("GET", "/version", 200, "{}");
  ::setenv("DOCKER_API_VERSION", "1.38", 1);
  docker::Client client({.host = engine.host()});
  client.Version();
  ::unsetenv("DOCKER_API_VERSION");
  EXPECT_EQ(engine.Last("GET", "/version")->path, "/v1.38/version");
  EXPECT_FALSE(engine.Last("GET", "/_ping").has_value());
}

TEST_F(ClientAgainstFakeEngine, ContainerCreateSendsTheFullHostConfig) {
  engine_.OnJson("POST", "/containers/create", 201, R"({"Id":"abc123","Warnings":[]})");
  auto client = MakeClient();
  const std::string id = client.CreateContainer({
      .name = "svc",
      .image = "img:1",
      .cmd = {"run"},
      .env = {"A=1"},
      .user = "1000",
      .working_dir = "/work",
      .labels = {{"e2e.session", "s1"}},
      .healthcheck =
          docker::HealthCheck{
              .test = {"CMD", "true"}, .interval = std::chrono::milliseconds(500), .retries = 3},
      .nano_cpus = 500'000'000,
      .memory_bytes = 64 << 20,
      .memory_swap_bytes = 64 << 20,
      .pids_limit = 32,
      .read_only_rootfs = true,
      .tmpfs = {{"/tmp", "rw,size=16m"}},
      .cap_drop = {"ALL"},
      .cap_add = {"NET_BIND_SERVICE"},
      .security_opt = {"no-new-privileges"},
      .auto_remove = true,
      .init = true,
      .mounts = {{.volume = "data", .target = "/data", .read_only = true}},
      .network = "net1",
      .aliases = {"svc", "svc-alias"},
  });
  EXPECT_EQ(id, "abc123");
  auto request = engine_.Last("POST", "/containers/create");
  ASSERT_TRUE(request);
  EXPECT_THAT(request->query["name"], ElementsAre("svc"));
  const Json body = Json::parse(request->body);
  EXPECT_EQ(body["Image"], "img:1");
  EXPECT_EQ(body["WorkingDir"], "/work");
  EXPECT_EQ(body["Healthcheck"]["Interval"], 500'000'000);
  EXPECT_EQ(body["Healthcheck"]["Retries"], 3);
  const Json& host = body["HostConfig"];
  EXPECT_EQ(host["NanoCpus"], 500'000'000);
  EXPECT_EQ(host["Memory"], 64 << 20);
  EXPECT_EQ(host["MemorySwap"], 64 << 20);
  EXPECT_EQ(host["PidsLimit"], 32);
  EXPECT_EQ(host["ReadonlyRootfs"], true);
  EXPECT_EQ(host["Tmpfs"], Json({{"/tmp", "rw,size=16m"}}));
  EXPECT_EQ(host["CapDrop"], Json({"ALL"}));
  EXPECT_EQ(host["CapAdd"], Json({"NET_BIND_SERVICE"}));
  EXPECT_EQ(host["SecurityOpt"], Json({"no-new-privileges"}));
  EXPECT_EQ(host["AutoRemove"], true);
  EXPECT_EQ(host["Init"], true);
  EXPECT_EQ(host["NetworkMode"], "net1");
  EXPECT_EQ(
      host["Mounts"][0],
      Json({{"Type", "volume"}, {"Source", "data"}, {"Target", "/data"}, {"ReadOnly", true}}));
  EXPECT_EQ(body["NetworkingConfig"]["EndpointsConfig"]["net1"]["Aliases"],
            Json({"svc", "svc-alias"}));
}

TEST_F(ClientAgainstFakeEngine, ContainerCreateLeavesUnsetOptionsToTheDaemon) {
  engine_.OnJson("POST", "/containers/create", 201, R"({"Id":"x"})");
  auto client = MakeClient();
  client.CreateContainer({.image = "img"});
  const Json host = Json::parse(engine_.Last("POST", "/containers/create")->body)["HostConfig"];
  for (const char* field : {"MemorySwap", "ReadonlyRootfs", "Tmpfs", "CapDrop", "CapAdd",
                            "SecurityOpt", "AutoRemove", "Init", "PidsLimit", "NetworkMode"}) {
    EXPECT_FALSE(host.contains(field)) << field;
  }
}

TEST_F(ClientAgainstFakeEngine, LifecycleCallsUseTheirQueryParameters) {
  engine_.OnJson("POST", "/containers/c/stop", 304, "");
  engine_.OnJson("POST", "/containers/c/kill", 204, "");
  engine_.OnJson("POST", "/containers/c/restart", 204, "");
  engine_.OnJson("POST", "/containers/c/wait", 200,
                 R"({"StatusCode":137,"Error":{"Message":"oom"}})");
  auto client = MakeClient();
  client.StopContainer("c", std::chrono::seconds(3));
  client.KillContainer("c", "SIGTERM");
  client.RestartContainer("c", std::chrono::seconds(1));
  const auto waited = client.WaitContainer("c", docker::WaitCondition::kNextExit);
  EXPECT_EQ(waited.status_code, 137);
  EXPECT_EQ(waited.error, "oom");
  EXPECT_THAT(engine_.Last("POST", "/containers/c/stop")->query["t"], ElementsAre("3"));
  EXPECT_THAT(engine_.Last("POST", "/containers/c/kill")->query["signal"], ElementsAre("SIGTERM"));
  EXPECT_THAT(engine_.Last("POST", "/containers/c/restart")->query["t"], ElementsAre("1"));
  EXPECT_THAT(engine_.Last("POST", "/containers/c/wait")->query["condition"],
              ElementsAre("next-exit"));
}

TEST_F(ClientAgainstFakeEngine, WaitThatOutlastsItsTimeoutSaysWhatItWaitedFor) {
  engine_.On("POST", "/containers/c/wait", [this](const httplib::Request&, httplib::Response&) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!engine_.stopping() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // poll: a daemon still waiting
    }
  });
  auto client = MakeClient();
  try {
    client.WaitContainer("c", docker::WaitCondition::kRemoved, std::chrono::milliseconds(200));
    FAIL();
  } catch (const docker::Timeout& e) {
    EXPECT_THAT(e.daemon_message(), HasSubstr("did not reach 'removed' within 200 ms"));
  }
}

TEST_F(ClientAgainstFakeEngine, StatsAskForOneShotAndMapTheNumbers) {
  engine_.OnJson("GET", "/containers/c/stats", 200, R"({
    "memory_stats": {"usage": 1048576, "limit": 268435456},
    "cpu_stats": {"cpu_usage": {"total_usage": 5000}, "system_cpu_usage": 90000, "online_cpus": 4},
    "pids_stats": {"current": 7}})");
  auto client = MakeClient();
  const auto stats = client.Stats("c");
  EXPECT_EQ(stats.memory_usage, 1048576u);
  EXPECT_EQ(stats.memory_limit, 268435456u);
  EXPECT_EQ(stats.cpu_total_usage, 5000u);
  EXPECT_EQ(stats.system_cpu_usage, 90000u);
  EXPECT_EQ(stats.online_cpus, 4u);
  EXPECT_EQ(stats.pids, 7u);
  auto request = engine_.Last("GET", "/containers/c/stats");
  EXPECT_THAT(request->query["stream"], ElementsAre("false"));
  EXPECT_THAT(request->query["one-shot"], ElementsAre("true"));
}

TEST_F(ClientAgainstFakeEngine, LogsFollowStopsWhenTheCallbackSaysSo) {
  engine_.On(
      "GET", "/containers/c/logs", [this](const httplib::Request&, httplib::Response& response) {
        response.set_chunked_content_provider(
            "application/vnd.docker.multiplexed-stream", [this](size_t, httplib::DataSink& sink) {
              const std::string line = docker_test::Frame(docker::StreamKind::kStdout, "tick\n");
              if (!sink.write(line.data(), line.size())) return false;
              std::this_thread::sleep_for(std::chrono::milliseconds(10));  // poll: a slow producer
              return !engine_.stopping();
            });
      });
  auto client = MakeClient();
  int ticks = 0;
  const auto started = std::chrono::steady_clock::now();
  client.Logs("c", {.since = 1700000000, .follow = true, .timeout = std::chrono::seconds(5)},
              [&](docker::StreamKind kind, std::string_view bytes) {
                EXPECT_EQ(kind, docker::StreamKind::kStdout);
                EXPECT_EQ(bytes, "tick\n");
                return ++ticks < 3;
              });
  EXPECT_EQ(ticks, 3);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  auto request = engine_.Last("GET", "/containers/c/logs");
  EXPECT_THAT(request->query["follow"], ElementsAre("1"));
  EXPECT_THAT(request->query["since"], ElementsAre("1700000000"));
}

TEST_F(ClientAgainstFakeEngine, EventsAreParsedAndTheStreamIsCancellable) {
  engine_.On("GET", "/events", [this](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider(
        "application/json", [this](size_t offset, httplib::DataSink& sink) {
          const std::string event =
              R"({"Type":"container","Action":"start","Actor":{"ID":"c)" + std::to_string(offset) +
              R"(","Attributes":{"e2e.session":"s1","name":"web"}},"timeNano":17})" + "\n";
          // Split mid-line to prove lines are reassembled across reads.
          sink.write(event.data(), 10);
          std::this_thread::sleep_for(std::chrono::milliseconds(5));  // poll: let the halves part
          sink.write(event.data() + 10, event.size() - 10);
          return !engine_.stopping();
        });
  });
  auto client = MakeClient();
  std::vector<docker::Event> events;
  client.Events({.filters = {{"label", {"e2e.session=s1"}}}, .since = 100},
                [&](const docker::Event& event) {
                  events.push_back(event);
                  return events.size() < 2;
                });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "container");
  EXPECT_EQ(events[0].action, "start");
  EXPECT_EQ(events[0].actor_id, "c0");
  EXPECT_EQ(events[0].attributes.at("name"), "web");
  EXPECT_EQ(events[0].time_nano, 17);
  auto request = engine_.Last("GET", "/events");
  EXPECT_EQ(Json::parse(request->query["filters"].at(0)), Json({{"label", {"e2e.session=s1"}}}));
  EXPECT_THAT(request->query["since"], ElementsAre("100"));
}

TEST_F(ClientAgainstFakeEngine, InfoNetworksVolumesAndImagesMapTheirAnswers) {
  engine_.OnJson("GET", "/info", 200,
                 R"({"ID":"d1","Name":"host","ServerVersion":"20.10.24","NCPU":8,
                     "MemTotal":1024,"ContainersRunning":2,"CgroupVersion":"2"})");
  engine_.OnJson("GET", "/networks/n1", 200,
                 R"({"Id":"n1id","Name":"n1","Driver":"bridge","Internal":true,
                     "Labels":{"a":"b"},"IPAM":{"Config":[{"Subnet":"10.9.0.0/24"}]},
                     "Containers":{"cid":{"Name":"web","IPv4Address":"10.9.0.2/24"}}})");
  engine_.OnJson("POST", "/networks/prune", 200, R"({"NetworksDeleted":["n2","n3"]})");
  engine_.OnJson("GET", "/volumes/v1", 200,
                 R"({"Name":"v1","Driver":"local","Mountpoint":"/var/lib/docker/volumes/v1",
                     "Labels":null})");
  engine_.OnJson("POST", "/volumes/prune", 200,
                 R"({"VolumesDeleted":["v2"],"SpaceReclaimed":4096})");
  engine_.OnJson("GET", "/images/json", 200,
                 R"([{"Id":"sha256:1","RepoTags":["a:1","a:latest"],"Labels":{"x":"y"},
                      "Size":10,"Created":5},{"Id":"sha256:2","RepoTags":null}])");
  engine_.OnJson("DELETE", "/images/a:1", 200, R"([{"Untagged":"a:1"},{"Deleted":"sha256:1"}])");
  auto client = MakeClient();

  const auto info = client.Info();
  EXPECT_EQ(info.server_version, "20.10.24");
  EXPECT_EQ(info.ncpu, 8);
  EXPECT_EQ(info.containers_running, 2);
  EXPECT_EQ(info.cgroup_version, "2");

  const auto network = client.InspectNetwork("n1");
  EXPECT_EQ(network.id, "n1id");
  EXPECT_TRUE(network.internal);
  EXPECT_THAT(network.subnets, ElementsAre("10.9.0.0/24"));
  EXPECT_EQ(network.containers.at("cid").ipv4_address, "10.9.0.2/24");
  EXPECT_THAT(client.PruneNetworks({{"label", {"k=v"}}}).deleted, ElementsAre("n2", "n3"));

  const auto volume = client.InspectVolume("v1");
  EXPECT_EQ(volume.driver, "local");
  EXPECT_TRUE(volume.labels.empty());
  const auto pruned = client.PruneVolumes({{"label", {"k=v"}}});
  EXPECT_THAT(pruned.deleted, ElementsAre("v2"));
  EXPECT_EQ(pruned.space_reclaimed, 4096u);
  EXPECT_EQ(Json::parse(engine_.Last("POST", "/volumes/prune")->query["filters"].at(0)),
            Json({{"label", {"k=v"}}}));

  const auto images = client.ListImages();
  ASSERT_EQ(images.size(), 2u);
  EXPECT_THAT(images[0].repo_tags, ElementsAre("a:1", "a:latest"));
  EXPECT_TRUE(images[1].repo_tags.empty());
  const auto removed = client.RemoveImage("a:1", {.force = true});
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(removed[0].untagged, "a:1");
  EXPECT_EQ(removed[1].deleted, "sha256:1");
  EXPECT_THAT(engine_.Last("DELETE", "/images/a:1")->query["force"], ElementsAre("1"));
}

TEST_F(ClientAgainstFakeEngine, NetworkCallsSendTheirBodies) {
  engine_.OnJson("POST", "/networks/create", 201, R"({"Id":"nid"})");
  engine_.OnJson("POST", "/networks/n/connect", 200, "");
  engine_.OnJson("POST", "/networks/n/disconnect", 200, "");
  auto client = MakeClient();
  EXPECT_EQ(client.CreateNetwork({.name = "n", .subnet = "10.9.0.0/24", .gateway = "10.9.0.1"}),
            "nid");
  client.ConnectNetwork("n", "c", {"db", "cache"});
  client.DisconnectNetwork("n", "c", true);
  EXPECT_EQ(Json::parse(engine_.Last("POST", "/networks/create")->body)["IPAM"],
            Json::parse(R"({"Driver":"default","Config":[{"Subnet":"10.9.0.0/24",
                            "Gateway":"10.9.0.1"}]})"));
  EXPECT_EQ(Json::parse(engine_.Last("POST", "/networks/n/connect")->body),
            Json::parse(R"({"Container":"c","EndpointConfig":{"Aliases":["db","cache"]}})"));
  EXPECT_EQ(Json::parse(engine_.Last("POST", "/networks/n/disconnect")->body),
            Json::parse(R"({"Container":"c","Force":true})"));
}

TEST_F(ClientAgainstFakeEngine, RemoveImageCanTolerateAMissingImage) {
  engine_.OnJson("GET", "/images/gone:1/json", 404, R"({"message":"No such image: gone:1"})");
  engine_.OnJson("DELETE", "/images/gone:1", 404, R"({"message":"No such image: gone:1"})");
  auto client = MakeClient();
  EXPECT_TRUE(client.RemoveImage("gone:1", {.missing_ok = true}).empty());
  EXPECT_THROW(client.RemoveImage("gone:1"), docker::NotFound);
}

class WithTarFile : public ClientAgainstFakeEngine {
 protected:
  void SetUp() override {
    ClientAgainstFakeEngine::SetUp();
    path_ = "/tmp/fake-dockerd-context-" + std::to_string(::getpid()) + ".tar";
    auto tar = docker::TarWriter::ToFile(path_);
    tar.AddFile("Dockerfile", "FROM scratch\n");
    tar.Finish();
  }
  void TearDown() override { ::unlink(path_.c_str()); }
  std::string path_;
};

TEST_F(WithTarFile, BuildStreamErrorLineRaisesBuildFailed) {
  engine_.OnJson("POST", "/build", 200,
                 "{\"stream\":\"Step 1/2 : FROM scratch\\n\"}\n"
                 "{\"stream\":\"Step 2/2 : RUN exit 7\\n\"}\n"
                 "{\"errorDetail\":{\"code\":7,\"message\":\"returned a non-zero code: 7\"},"
                 "\"error\":\"The command '/bin/sh -c exit 7' returned a non-zero code: 7\"}\n");
  auto client = MakeClient();
  std::vector<std::string> progress;
  try {
    client.BuildImage({.context_tar_path = path_, .tags = {"t:1"}, .build_args = {{"A", "1"}}},
                      [&](const std::string& line) { progress.push_back(line); });
    FAIL();
  } catch (const docker::BuildFailed& e) {
    EXPECT_THAT(e.daemon_message(), HasSubstr("returned a non-zero code: 7"));
    EXPECT_THAT(e.daemon_message(), HasSubstr("Step 2/2"));
    EXPECT_EQ(e.method(), "POST");
    EXPECT_THAT(e.path(), StartsWith("/v1.41/build?"));
  }
  EXPECT_THAT(progress, ElementsAre("Step 1/2 : FROM scratch", "Step 2/2 : RUN exit 7"));
  auto request = engine_.Last("POST", "/build");
  EXPECT_THAT(request->query["forcerm"], ElementsAre("1"));
  EXPECT_EQ(Json::parse(request->query["buildargs"].at(0)), Json({{"A", "1"}}));
  EXPECT_EQ(docker::ReadTarFile(request->body, "Dockerfile"), "FROM scratch\n");
}

TEST_F(WithTarFile, ImportSendsTheTarballAndReturnsTheImageId) {
  engine_.OnJson(
      "POST", "/images/create", 200,
      "{\"status\":\"Importing\",\"progressDetail\":{}}\n{\"status\":\"sha256:feed\"}\n");
  auto client = MakeClient();
  EXPECT_EQ(client.ImportImage({.source_tar_path = path_,
                                .repo = "mcp-e2e/rootfs",
                                .tag = "1",
                                .changes = {"CMD [\"/hello\"]", "LABEL a=b"}}),
            "sha256:feed");
  auto request = engine_.Last("POST", "/images/create");
  EXPECT_THAT(request->query["fromSrc"], ElementsAre("-"));
  EXPECT_THAT(request->query["repo"], ElementsAre("mcp-e2e/rootfs"));
  EXPECT_THAT(request->query["changes"], ElementsAre("CMD [\"/hello\"]", "LABEL a=b"));
  EXPECT_EQ(docker::ReadTarFile(request->body, "Dockerfile"), "FROM scratch\n");
}

TEST_F(WithTarFile, ImportErrorInTheStreamIsRaised) {
  engine_.OnJson("POST", "/images/create", 200,
                 "{\"error\":\"archive/tar: invalid tar header\"}\n");
  auto client = MakeClient();
  try {
    client.ImportImage({.source_tar_path = path_, .repo = "r"});
    FAIL();
  } catch (const docker::BuildFailed& e) {
    EXPECT_THAT(e.daemon_message(), HasSubstr("invalid tar header"));
  }
}

// The exec endpoints of a fake whose first command never ends.
class ExecAgainstFakeEngine : public ClientAgainstFakeEngine {
 protected:
  void SetUp() override {
    ClientAgainstFakeEngine::SetUp();
    engine_.On("POST", "/containers/c/exec",
               [this](const httplib::Request& request, httplib::Response& response) {
                 const int n = execs_++;
                 response.status = 201;
                 response.set_content(R"({"Id":"e)" + std::to_string(n) + R"("})",
                                      "application/json");
                 creates_.push_back(Json::parse(request.body));
               });
    engine_.On(
        "POST", "/exec/e0/start", [this](const httplib::Request&, httplib::Response& response) {
          response.set_chunked_content_provider(
              "application/vnd.docker.raw-stream", [this](size_t offset, httplib::DataSink& sink) {
                if (offset == 0) {
                  const std::string frame =
                      docker_test::Frame(docker::StreamKind::kStdout, "started\n") +
                      docker_test::Frame(docker::StreamKind::kStderr, "warn\n");
                  return sink.write(frame.data(), frame.size());
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(10));  // poll: a hung command
                return !engine_.stopping() && sink.is_writable();
              });
        });
    for (const char* id : {"e1", "e2"}) {
      engine_.OnJson("POST", std::string("/exec/") + id + "/start", 200,
                     docker_test::Frame(docker::StreamKind::kStdout, "41\n42\n"));
      engine_.OnJson("GET", std::string("/exec/") + id + "/json", 200,
                     R"({"Running":false,"ExitCode":0})");
    }
  }
  std::atomic<int> execs_{0};
  std::vector<Json> creates_;
};

TEST_F(ExecAgainstFakeEngine, TimeoutKillsTheCommandByItsEnvironmentTokenAndSaysSo) {
  auto client = MakeClient();
  std::string streamed;
  try {
    client.Exec("c", {.cmd = {"sleep", "60"},
                      .user = "1000",
                      .timeout = std::chrono::milliseconds(300),
                      .on_output = [&](docker::StreamKind, std::string_view bytes) {
                        streamed.append(bytes);
                        return true;
                      }});
    FAIL();
  } catch (const docker::Timeout& e) {
    EXPECT_THAT(e.what(), HasSubstr("did not finish within 300 ms"));
    EXPECT_THAT(e.what(), HasSubstr("killed it with SIGKILL (pids in the container: 41 42)"));
    EXPECT_THAT(e.what(), HasSubstr("started"));
    EXPECT_THAT(e.what(), HasSubstr("warn"));
  }
  EXPECT_EQ(streamed, "started\nwarn\n");
  ASSERT_EQ(creates_.size(), 2u);
  const auto& env = creates_[0]["Env"];
  ASSERT_EQ(env.size(), 1u);
  const std::string token_var = env[0].get<std::string>();
  EXPECT_THAT(token_var, StartsWith("E2E_EXEC_TOKEN="));
  // The killer runs as the same user and looks for exactly that token.
  EXPECT_EQ(creates_[1]["User"], "1000");
  EXPECT_EQ(creates_[1]["Cmd"][0], "sh");
  EXPECT_THAT(creates_[1]["Cmd"][2].get<std::string>(), HasSubstr(token_var));
  EXPECT_THAT(creates_[1]["Cmd"][2].get<std::string>(), HasSubstr("kill -KILL"));
}

TEST_F(ExecAgainstFakeEngine, StdinIsCopiedInAndRedirectedThenRemoved) {
  engine_.OnJson("PUT", "/containers/c/archive", 200, "");
  ++execs_;  // skip the hanging e0: the command is e1, the cleanup e2
  creates_.push_back(Json());
  auto client = MakeClient();
  const auto result = client.Exec("c", {.cmd = {"wc", "-c"}, .input = std::string("hello")});
  EXPECT_EQ(result.exit_code, 0);
  auto put = engine_.Last("PUT", "/containers/c/archive");
  ASSERT_TRUE(put);
  EXPECT_THAT(put->query["path"], ElementsAre("/tmp"));
  ASSERT_EQ(creates_.size(), 3u);
  const auto& cmd = creates_[1]["Cmd"];
  ASSERT_EQ(cmd.size(), 6u);
  const std::string script = cmd[2].get<std::string>();
  EXPECT_THAT(script, StartsWith("exec \"$@\" < /tmp/.e2e-stdin-"));
  const std::string file = script.substr(script.find("/tmp/") + 5);
  EXPECT_EQ(docker::ReadTarFile(put->body, file), "hello");
  EXPECT_EQ(cmd[4], "wc");
  EXPECT_EQ(creates_[2]["Cmd"], Json({"rm", "-f", "/tmp/" + file}));
  EXPECT_EQ(creates_[2]["User"], "0");
}

}  // namespace
