// e2e::Reap and the kept-stack marks (e2e/reaper.h) against the real engine:
// what is selected goes, in order, and nothing else. Each test labels its
// resources with a session of its own, so it can touch nothing else.
#include "e2e/reaper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine.h"

namespace {

using integration::Engine;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

docker::Filters Session(const std::string& session) {
  return {{"label", {std::string(e2e::kSessionLabel) + "=" + session}}};
}

// A network, a volume and a running container on them, of `session` and `stack`.
void CreateStackOf(const std::string& session, const std::string& stack) {
  const docker::Labels labels = {{e2e::kSessionLabel, session}, {e2e::kStackLabel, stack}};
  const std::string network = integration::UniqueName(stack + "-net");
  const std::string volume = integration::UniqueName(stack + "-vol");
  Engine().CreateNetwork({.name = network, .labels = labels});
  Engine().CreateVolume({.name = volume, .labels = labels});
  const std::string container =
      Engine().CreateContainer({.name = integration::UniqueName(stack),
                                .image = integration::kBaseImage,
                                .cmd = {"sleep", "infinity"},
                                .labels = labels,
                                .mounts = {{.volume = volume, .target = "/data"}},
                                .network = network});
  Engine().StartContainer(container);
}

TEST(Reap, RemovesASessionsContainersThenVolumesThenNetworksAndNothingElse) {
  const std::string gone = e2e::NewSessionId();
  const std::string other = e2e::NewSessionId();
  CreateStackOf(gone, "s1");
  CreateStackOf(other, "s2");

  std::vector<std::string> seen;
  const e2e::ReapReport report =
      e2e::Reap(Engine(), {.session = gone, .on_resource = [&](const std::string& what) {
                             seen.push_back(what.substr(0, what.find(' ')));
                           }});

  EXPECT_THAT(report.failures, IsEmpty());
  EXPECT_EQ(report.removed, 3);
  EXPECT_THAT(seen, ElementsAre("container", "volume", "network"))
      << "a volume or network in use cannot go before its container";
  EXPECT_THAT(Engine().ListContainers(Session(gone)), IsEmpty());
  EXPECT_THAT(Engine().ListVolumes(Session(gone)), IsEmpty());
  EXPECT_THAT(Engine().ListNetworks(Session(gone)), IsEmpty());
  EXPECT_THAT(Engine().ListContainers(Session(other)), SizeIs(1)) << "another session was reaped";
  EXPECT_EQ(e2e::Reap(Engine(), {.session = other}).removed, 3);
}

TEST(Reap, ReapSessionSkipsKeptStacks) {
  const std::string session = e2e::NewSessionId();
  const std::string kept_stack = "kept-" + session;  // kept marks are daemon-wide
  CreateStackOf(session, kept_stack);
  CreateStackOf(session, "gone");
  e2e::MarkStackKept(Engine(), kept_stack, session);
  struct Unmark {
    const std::string& stack;
    ~Unmark() { e2e::ForgetKeptStack(Engine(), stack); }
  } unmark{kept_stack};

  const e2e::ReapReport report = e2e::ReapSession(Engine(), session);

  EXPECT_THAT(report.failures, IsEmpty());
  EXPECT_EQ(report.removed, 3);
  const auto left = Engine().ListContainers(Session(session));
  ASSERT_THAT(left, SizeIs(1));
  EXPECT_EQ(left[0].labels.at(e2e::kStackLabel), kept_stack);
  EXPECT_EQ(e2e::Reap(Engine(), {.session = session}).removed, 3);
}

TEST(Reap, ADryRunRemovesNothing) {
  const std::string session = e2e::NewSessionId();
  const std::string volume = integration::UniqueName("dry-vol");
  Engine().CreateVolume({.name = volume, .labels = {{e2e::kSessionLabel, session}}});
  std::vector<std::string> seen;
  const e2e::ReapReport report = e2e::Reap(
      Engine(), {.session = session, .dry_run = true, .on_resource = [&](const std::string& what) {
                   seen.push_back(what);
                 }});
  EXPECT_EQ(report.removed, 1);
  EXPECT_THAT(seen, ElementsAre(StartsWith("volume ")));
  EXPECT_THAT(Engine().ListVolumes(Session(session)), SizeIs(1));
  Engine().RemoveVolume(volume);
}

}  // namespace
