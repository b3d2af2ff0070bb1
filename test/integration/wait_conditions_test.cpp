// The ready-made conditions of e2e/conditions.h against the real engine, on
// the small stack stacks/conditions.yml: each one holding once its service
// gets there, and each one's failure saying what it saw.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "e2e/conditions.h"
#include "e2e/stack.h"
#include "e2e/wait.h"
#include "engine.h"

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

// Every test gets the stack up, and leaves nothing of it behind.
class WaitConditions : public integration::StackFromFile {
 protected:
  const char* StackFile() const override { return "conditions.yml"; }
};

TEST_F(WaitConditions, ServiceHealthyHoldsForAServiceWhoseCheckPasses) {
  EXPECT_TRUE(
      e2e::Eventually("checked healthy", e2e::ServiceHealthy(stack(), "checked"), seconds(10)));
  EXPECT_EQ(stack().Inspect("checked").state.health, "healthy");
}

TEST_F(WaitConditions, ServiceHealthyGivesUpWithTheCheckOutputOnceTheServiceIsUnhealthy) {
  ASSERT_EQ(stack().Exec("checked", {.cmd = {"rm", "/tmp/ok"}}).exit_code, 0);
  // Waiting from the first failed check on: the status still says "healthy"
  // then, which must not pass, and turns "unhealthy" two checks later.
  ASSERT_TRUE(e2e::Eventually(
      "a failed health check of checked",
      [&] {
        const auto log = stack().Inspect("checked").raw["State"]["Health"]["Log"];
        return !log.empty() && log.back()["ExitCode"] != 0;
      },
      seconds(20)));
  const auto started = Clock::now();
  const auto result =
      e2e::Eventually("checked healthy", e2e::ServiceHealthy(stack(), "checked"), seconds(60));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("gave up after"));
  EXPECT_THAT(
      result.message(),
      HasSubstr(
          "checked is unhealthy (still running); last health check: exit 1: missing /tmp/ok"));
  EXPECT_LT(Clock::now() - started, seconds(20)) << "3 failed checks 100 ms apart, not 60 s";
}

TEST_F(WaitConditions, ServiceHealthyGivesUpWhenTheContainerStops) {
  stack().Kill("checked");
  const auto result =
      e2e::Eventually("checked healthy", e2e::ServiceHealthy(stack(), "checked"), seconds(60));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("checked stopped (exited, exit code 137)"));
}

TEST_F(WaitConditions, ServiceHealthyOfAServiceWithoutHealthCheckIsAMistake) {
  const auto result =
      e2e::Eventually("worker healthy", e2e::ServiceHealthy(stack(), "worker"), seconds(5));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("worker to be healthy: it has no health check"));
}

TEST_F(WaitConditions, LogLineSeenHoldsOnceTheServiceWritesIt) {
  EXPECT_TRUE(e2e::Eventually("worker to say it is ready",
                              e2e::LogLineSeen(stack(), "worker", "worker is ready"), seconds(15)));
}

TEST_F(WaitConditions, LogLineSeenTimesOutShowingTheLastLine) {
  ASSERT_TRUE(e2e::Eventually("worker to say it is ready",
                              e2e::LogLineSeen(stack(), "worker", "worker is ready"), seconds(15)));
  const auto result =
      e2e::Eventually("a line never written", e2e::LogLineSeen(stack(), "worker", "no such line"),
                      milliseconds(300));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("timed out after"));
  EXPECT_THAT(result.message(), HasSubstr("(last line: \"worker is ready\")"));
}

TEST_F(WaitConditions, LogLineSeenGivesUpWhenTheServiceStoppedWithoutWritingIt) {
  const auto result = e2e::Eventually("quitter to say hello",
                                      e2e::LogLineSeen(stack(), "quitter", "hello"), seconds(60));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(),
              HasSubstr("quitter stopped (exited, exit code 3) without writing \"hello\""));
  EXPECT_THAT(result.message(), HasSubstr("(last line: \"bye\")"));
}

TEST_F(WaitConditions, ExecSucceedsHoldsOnceTheCommandExitsWithZero) {
  EXPECT_TRUE(e2e::Eventually("worker's /tmp/done",
                              e2e::ExecSucceeds(stack(), "worker", {"test", "-f", "/tmp/done"}),
                              seconds(15)));
}

TEST_F(WaitConditions, ExecSucceedsTimesOutWithTheLastExitCodeAndOutput) {
  const auto result = e2e::Eventually(
      "a command that always fails",
      e2e::ExecSucceeds(stack(), "worker", {"sh", "-c", "echo not yet >&2; exit 2"}),
      milliseconds(500));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("exited 2; stdout: ; stderr: not yet"));
}

TEST_F(WaitConditions, HttpAnswersWaitsForTheAnswerThePredicateAccepts) {
  int answers = 0;
  const auto drained = [&](const e2e::HttpAnswer& answer) {
    ++answers;
    return answer.status == 200 && answer.Json().value("queue_depth", -1) == 0;
  };
  ASSERT_TRUE(e2e::Eventually("web's queue to drain",
                              e2e::HttpAnswers(stack(), "web", 8080, "/healthz", drained),
                              seconds(15)));
  EXPECT_GE(answers, 4) << "the queue depth counts down from 3";
}

TEST_F(WaitConditions, HttpAnswersTimesOutShowingTheLastAnswer) {
  const auto result = e2e::Eventually(
      "a path that is not there", e2e::HttpAnswers(stack(), "web", 8080, "/missing"), seconds(3));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("/missing: HTTP 404 no such path"));
}

TEST_F(WaitConditions, HttpAnswersGivesUpWhenTheServiceStopped) {
  stack().Kill("web");
  const auto result = e2e::Eventually(
      "web to answer", e2e::HttpAnswers(stack(), "web", 8080, "/healthz"), seconds(60));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("web is not running (exited, exit code 137)"));
}

}  // namespace
