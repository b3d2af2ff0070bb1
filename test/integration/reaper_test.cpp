// The reaper against the real engine: a killed run's leftovers go, a live
// run's stay.
#include "e2e/reaper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"

namespace {

using integration::Engine;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// The session id of a process of this host that has exited.
std::string DeadSession() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return e2e::MakeSessionId(e2e::ThisHostName(), child, 0);
}

docker::Filters Session(const std::string& session) {
  return {{"label", {"e2e.session=" + session}}};
}

TEST(Reaper, RemovesWhatADeadRunLeftAndKeepsWhatALiveOneOwns) {
  const std::string dead = DeadSession();
  const std::string live = e2e::Stack::SessionId();
  const std::string network = integration::UniqueName("dead-net");
  Engine().CreateNetwork({.name = network, .labels = {{"e2e.session", dead}}});
  Engine().CreateVolume(
      {.name = integration::UniqueName("dead-vol"), .labels = {{"e2e.session", dead}}});
  const std::string dead_container =
      Engine().CreateContainer({.name = integration::UniqueName("dead"),
                                .image = integration::kBaseImage,
                                .cmd = {"sleep", "infinity"},
                                .labels = {{"e2e.session", dead}},
                                .network = network});
  Engine().StartContainer(dead_container);
  const std::string live_volume = integration::UniqueName("live-vol");
  Engine().CreateVolume({.name = live_volume, .labels = {{"e2e.session", live}}});

  std::vector<std::string> seen;
  const e2e::ReapReport report =
      e2e::Reap(Engine(), {.select = e2e::SessionIsDead,
                           .on_resource = [&](const std::string& what) { seen.push_back(what); }});

  EXPECT_THAT(report.failures, IsEmpty());
  EXPECT_GE(report.removed, 3);
  EXPECT_THAT(Engine().ListContainers(Session(dead)), IsEmpty());
  EXPECT_THAT(Engine().ListNetworks(Session(dead)), IsEmpty());
  EXPECT_THAT(Engine().ListVolumes(Session(dead)), IsEmpty());
  EXPECT_THAT(Engine().ListVolumes(Session(live)), SizeIs(1)) << "a live run's volume was reaped";
  Engine().RemoveVolume(live_volume);
}

TEST(Reaper, ADryRunRemovesNothing) {
  const std::string dead = DeadSession();
  const std::string volume = integration::UniqueName("dry-vol");
  Engine().CreateVolume({.name = volume, .labels = {{"e2e.session", dead}}});
  const e2e::ReapReport report = e2e::Reap(
      Engine(), {.select = [&](const std::string& s) { return s == dead; }, .dry_run = true});
  EXPECT_EQ(report.removed, 1);
  EXPECT_THAT(Engine().ListVolumes(Session(dead)), SizeIs(1));
  Engine().RemoveVolume(volume);
}

}  // namespace
