// The stack file's hardening keys (cap_drop, cap_add, security_opt,
// read_only, tmpfs, logging) and the defaults that apply without them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/stack_spec.h"

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::optional<std::string> NoVariables(const std::string& name) {
  if (name == "LOG_SIZE") return "5m";
  return std::nullopt;
}

e2e::ServiceSpec ParseOneService(const std::string& service_body) {
  const std::string text =
      "services:\n  app:\n    image: app:1\n" + service_body + "networks:\n  net: {}\n";
  return e2e::ParseStackSpec(text, "stack.yml", NoVariables).services.at(0);
}

TEST(StackSpecHardening, AServiceThatSaysNothingIsHardened) {
  const e2e::ServiceSpec app = ParseOneService("");
  EXPECT_THAT(app.hardening.cap_drop, ElementsAre("ALL"));
  EXPECT_THAT(app.hardening.cap_add, IsEmpty());
  EXPECT_THAT(app.hardening.security_opt, ElementsAre("no-new-privileges:true"));
  EXPECT_TRUE(app.hardening.read_only);
  EXPECT_THAT(app.hardening.tmpfs, ElementsAre(Pair("/tmp", HasSubstr("size="))));
  EXPECT_EQ(app.hardening.logging.driver, "json-file");
  EXPECT_THAT(app.hardening.logging.options,
              UnorderedElementsAre(Pair("max-size", "10m"), Pair("max-file", "3")));
  EXPECT_EQ(app.pids, e2e::kDefaultPidsLimit);
  EXPECT_GT(e2e::kDefaultPidsLimit, 0);
}

TEST(StackSpecHardening, ReadsTheKeysAsComposeWritesThem) {
  const e2e::ServiceSpec app = ParseOneService(R"(    cap_drop: [NET_RAW, MKNOD]
    cap_add: [NET_BIND_SERVICE]
    security_opt: ["no-new-privileges:true", "seccomp=unconfined"]
    read_only: false
    tmpfs:
      - /run
      - /home/app:size=16m,uid=10001
    logging:
      driver: local
      options:
        max-size: ${LOG_SIZE}
)");
  EXPECT_THAT(app.hardening.cap_drop, ElementsAre("NET_RAW", "MKNOD"));
  EXPECT_THAT(app.hardening.cap_add, ElementsAre("NET_BIND_SERVICE"));
  EXPECT_THAT(app.hardening.security_opt,
              ElementsAre("no-new-privileges:true", "seccomp=unconfined"));
  EXPECT_FALSE(app.hardening.read_only);
  // Given, tmpfs replaces the default /tmp mount.
  EXPECT_THAT(app.hardening.tmpfs,
              UnorderedElementsAre(Pair("/run", ""), Pair("/home/app", "size=16m,uid=10001")));
  EXPECT_EQ(app.hardening.logging.driver, "local");
  EXPECT_THAT(app.hardening.logging.options, ElementsAre(Pair("max-size", "5m")));
}

TEST(StackSpecHardening, TmpfsMayBeOnePathAndLoggingOnlyADriver) {
  const e2e::ServiceSpec app = ParseOneService(R"(    tmpfs: /var/cache
    logging: {driver: none}
)");
  EXPECT_THAT(app.hardening.tmpfs, ElementsAre(Pair("/var/cache", "")));
  EXPECT_EQ(app.hardening.logging.driver, "none");
  // json-file's size options mean nothing to another driver.
  EXPECT_THAT(app.hardening.logging.options, IsEmpty());
}

TEST(StackSpecHardening, MalformedKeysAreErrorsAtTheirPlace) {
  const auto error_of = [](const std::string& body) -> std::string {
    try {
      ParseOneService(body);
    } catch (const e2e::SpecError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_THAT(error_of("    read_only: sometimes\n"),
              HasSubstr("stack.yml:4:16: services.app.read_only must be true or false"));
  EXPECT_THAT(error_of("    tmpfs: [run]\n"), HasSubstr("stack.yml:4:12: services.app.tmpfs"));
  EXPECT_THAT(error_of("    logging: {driver: json-file, rotate: yes}\n"),
              HasSubstr("stack.yml:4:34: unsupported key 'rotate' in services.app.logging"));
  EXPECT_THAT(error_of("    logging: {options: [max-size]}\n"),
              HasSubstr("services.app.logging.options must be a mapping"));
  EXPECT_THAT(error_of("    privileged: true\n"),
              HasSubstr("stack.yml:4:5: unsupported key 'privileged' in services.app"));
}

TEST(StackSpecHardening, TheProjectsStackFileHardensEveryService) {
  const auto spec = e2e::LoadStackSpec(E2E_SOURCE_DIR "/compose/stack.yml", NoVariables);
  for (const auto& service : spec.services) {
    EXPECT_THAT(service.hardening.cap_drop, ElementsAre("ALL")) << service.name;
    EXPECT_THAT(service.hardening.cap_add, IsEmpty()) << service.name;
    EXPECT_TRUE(service.hardening.read_only) << service.name;
    EXPECT_TRUE(service.hardening.tmpfs.contains("/tmp")) << service.name;
    EXPECT_EQ(service.hardening.logging.options.at("max-size"), "10m") << service.name;
  }
  // Claude Code writes under its home, which the read-only root would refuse.
  EXPECT_TRUE(spec.Find("claude-runner")->hardening.tmpfs.contains("/home/runner"));
}

}  // namespace
