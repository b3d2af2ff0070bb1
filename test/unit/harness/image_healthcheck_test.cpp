// A service without a healthcheck in the file takes its image's, as in Compose.
#include "image_healthcheck.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ImageHealthcheck, IsReadFromTheImagesConfigInNanoseconds) {
  const auto check = e2e::ImageHealthcheck(nlohmann::json::parse(R"({"Config": {"Healthcheck": {
      "Test": ["CMD", "probe", "--fast"], "Interval": 2000000000, "Timeout": 500000000,
      "StartPeriod": 0, "Retries": 15}}})"));
  ASSERT_TRUE(check);
  EXPECT_THAT(check->test, ElementsAre("CMD", "probe", "--fast"));
  EXPECT_EQ(check->interval, std::chrono::seconds(2));
  EXPECT_EQ(check->timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(check->start_period, std::chrono::milliseconds(0));
  EXPECT_EQ(check->retries, 15);
}

TEST(ImageHealthcheck, ZeroMeansDockersDefaults) {
  const auto check = e2e::ImageHealthcheck(
      nlohmann::json::parse(R"({"Config": {"Healthcheck": {"Test": ["CMD-SHELL", "true"]}}})"));
  ASSERT_TRUE(check);
  EXPECT_EQ(check->interval, std::chrono::seconds(30));
  EXPECT_EQ(check->timeout, std::chrono::seconds(30));
  EXPECT_EQ(check->retries, 3);
}

TEST(ImageHealthcheck, NoneOrNoHealthcheckIsNone) {
  EXPECT_FALSE(e2e::ImageHealthcheck(
      nlohmann::json::parse(R"({"Config": {"Healthcheck": {"Test": ["NONE"]}}})")));
  EXPECT_FALSE(e2e::ImageHealthcheck(nlohmann::json::parse(R"({"Config": {"Cmd": ["sh"]}})")));
  EXPECT_FALSE(e2e::ImageHealthcheck(nlohmann::json::parse(R"({"Config": null})")));
}

TEST(RequireHealthChecksOfHealthyDependencies, NamesTheServiceWithoutAnyHealthCheck) {
  e2e::StackSpec stack = e2e::ParseStackSpec(
      "services:\n  db: {image: db:1}\n  app: {image: app:1, depends_on: {db: {condition: "
      "service_healthy}}}\nnetworks: {n: {}}\n",
      "stack.yml", [](const std::string&) { return std::nullopt; });
  try {
    e2e::RequireHealthChecksOfHealthyDependencies(stack);
    FAIL() << "accepted a service_healthy dependency on a service without a health check";
  } catch (const e2e::SpecError& e) {
    EXPECT_THAT(e.what(), HasSubstr("services.app.depends_on.db has condition service_healthy, "
                                    "but db has no health check"));
    EXPECT_THAT(e.what(), HasSubstr("db:1"));
  }
  stack.services[0].healthcheck = e2e::HealthcheckSpec{.test = {"CMD", "true"}};
  EXPECT_NO_THROW(e2e::RequireHealthChecksOfHealthyDependencies(stack));
}

}  // namespace
