// Up()'s health rules against the real engine: the image's HEALTHCHECK where
// the stack file has none, an error for a healthy-condition nobody can check,
// a fast and precise failure when a service exits, and a cycle named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "docker/tar_writer.h"
#include "e2e/stack.h"
#include "engine.h"

namespace {

using integration::Engine;
using integration::ExpectNothingLeft;
using ::testing::HasSubstr;

// An image whose HEALTHCHECK passes once /tmp/ready exists; built once for
// the suite, removed after it.
class StackHealth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto dir = std::filesystem::path(::testing::TempDir()) /
                     ("e2e-it-healthcheck-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string tar_path = (dir / "context.tar").string();
    auto tar = docker::TarWriter::ToFile(tar_path);
    tar.AddFile("Dockerfile",
                "FROM debian:bookworm-slim\n"
                "HEALTHCHECK --interval=100ms --timeout=2s --start-period=30s --retries=3 CMD test "
                "-f /tmp/ready\n");
    tar.Finish();
    Engine().BuildImage({.context_tar_path = tar_path,
                         .tags = {ImageTag()},
                         .labels = {{"e2e.test", "integration"}}});
    std::filesystem::remove_all(dir);
  }
  static void TearDownTestSuite() { Engine().RemoveImage(ImageTag()); }

  static std::string ImageTag() { return "mcp-e2e/it-healthcheck:" + std::to_string(::getpid()); }

  static e2e::StackOptions Options(const std::string& file) {
    e2e::StackOptions options = integration::StackOptionsFor(file);
    options.variables["E2E_IT_HEALTHCHECK_IMAGE"] = ImageTag();
    return options;
  }
};

TEST_F(StackHealth, AServiceWithoutAHealthcheckIsAwaitedWithItsImagesHealthcheck) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("image_healthcheck.yml"));
    id = stack.id();
    ::testing::internal::CaptureStderr();
    std::string log;
    try {
      stack.Up();
      log = ::testing::internal::GetCapturedStderr();
    } catch (const std::exception& e) {
      log = ::testing::internal::GetCapturedStderr();
      FAIL() << e.what() << "\nlog:\n" << log;
    }
    // app depends on db being healthy: Up() waited for the image's check.
    EXPECT_EQ(stack.Exec("db", {.cmd = {"test", "-f", "/tmp/ready"}}).exit_code, 0)
        << "Up() returned before db's image HEALTHCHECK could pass";
    const e2e::ServiceSpec* db = stack.spec().Find("db");
    ASSERT_TRUE(db->healthcheck);
    EXPECT_THAT(db->healthcheck->test, ::testing::ElementsAre("CMD-SHELL", "test -f /tmp/ready"));
    // One line per service says which image it runs.
    EXPECT_THAT(log, HasSubstr("db runs image " + ImageTag() + " (sha256:"));
    EXPECT_THAT(log, HasSubstr("app runs image debian:bookworm-slim (sha256:"));
  }
  ExpectNothingLeft(id);
}

TEST_F(StackHealth, AHealthyConditionOnAServiceWithNoHealthCheckAnywhereIsAnErrorNamingIt) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("healthy_without_check.yml"));
    id = stack.id();
    try {
      stack.Up();
      FAIL() << "Up() started app without any way to know db is healthy";
    } catch (const e2e::SpecError& e) {
      EXPECT_THAT(e.what(), HasSubstr("services.app.depends_on.db has condition service_healthy, "
                                      "but db has no health check"));
    }
  }
  ExpectNothingLeft(id);
}

TEST_F(StackHealth, AServiceThatExitsFailsUpAtOnceWithItsExitCodeAndOutput) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("exits_at_once.yml"));
    id = stack.id();
    const auto started = std::chrono::steady_clock::now();
    try {
      stack.Up();
      FAIL() << "Up() succeeded with a service that exits";
    } catch (const std::exception& e) {
      // Its check would allow 150 x 200 ms; the exit ends the wait instead.
      EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)) << e.what();
      EXPECT_THAT(e.what(), HasSubstr("crashing stopped"));
      EXPECT_THAT(e.what(), HasSubstr("exit code 3"));
      EXPECT_THAT(e.what(), HasSubstr("cannot open the database"));
    }
  }
  ExpectNothingLeft(id);
}

TEST_F(StackHealth, ADependencyCycleFailsUpNamingItsServicesBeforeCreatingAnything) {
  e2e::Stack stack(Engine(), Options("cycle.yml"));
  try {
    stack.Up();
    FAIL() << "Up() accepted a depends_on cycle";
  } catch (const e2e::SpecError& e) {
    EXPECT_THAT(e.what(), ::testing::AnyOf(HasSubstr("web -> api -> worker -> web"),
                                           HasSubstr("api -> worker -> web -> api"),
                                           HasSubstr("worker -> web -> api -> worker")));
  }
  ExpectNothingLeft(stack.id());
}

}  // namespace
