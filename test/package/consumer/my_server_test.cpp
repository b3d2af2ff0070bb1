// A user's scenario: a TEST_F on e2e::StackTest against the project's own
// stack file (my-stack.yml, given to e2e_add_scenario).
#include <e2e/conditions.h>
#include <e2e/stack_test.h>
#include <e2e/wait.h>
#include <gmock/gmock.h>

namespace {

class MyServer : public e2e::StackTest {};

TEST_F(MyServer, ComesUpFromItsOwnStackFileAndAnswersOnItsOwnPort) {
  EXPECT_THAT(stack().services(), ::testing::ElementsAre("my-server"));
  EXPECT_TRUE(e2e::Eventually("my-server to answer /healthz on port 9100",
                              e2e::HttpAnswers(stack(), "my-server", 9100, "/healthz"),
                              std::chrono::seconds(30)));
}

}  // namespace
