#include "openai.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace model_stub::openai {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

const Json kRequest = Json::parse(R"({
  "model": "o3",
  "instructions": "You know KAPPA-9.",
  "input": [{"role": "user", "content": [{"type": "input_text", "text": "What about LAMBDA-2?"}]}]
})");

TEST(IsReasoningModel, MeansOFollowedByADigit) {
  EXPECT_TRUE(IsReasoningModel("o3"));
  EXPECT_TRUE(IsReasoningModel("o4-mini"));
  EXPECT_FALSE(IsReasoningModel("gpt-4o"));
  EXPECT_FALSE(IsReasoningModel("omni"));
  EXPECT_FALSE(IsReasoningModel(""));
}

TEST(EchoText, StatesModelMarkersAndInputTokens) {
  // Characters of every string in instructions and input: (17 + 4 + 10 + 20) / 4.
  EXPECT_EQ(EchoText(kRequest), "[o3] facts: KAPPA-9, LAMBDA-2 | input_tokens: 12");
  EXPECT_EQ(EchoText(Json::parse(R"({"model": "gpt-4.1", "input": "plain"})")),
            "[gpt-4.1] facts: none | input_tokens: 1");
}

TEST(RespondToResponses, BuildsAResponseObjectWithReasoningFirstForO3) {
  const Json response = RespondToResponses(kRequest, 1700000000);
  EXPECT_THAT(response["id"].get<std::string>(), StartsWith("resp_"));
  EXPECT_EQ(response["object"], "response");
  EXPECT_EQ(response["created_at"], 1700000000);
  EXPECT_EQ(response["status"], "completed");
  EXPECT_EQ(response["model"], "o3");
  ASSERT_EQ(response["output"].size(), 2U);
  EXPECT_EQ(response["output"][0]["type"], "reasoning");
  EXPECT_THAT(response["output"][0]["id"].get<std::string>(), StartsWith("rs_"));
  const Json& message = response["output"][1];
  EXPECT_EQ(message["type"], "message");
  EXPECT_THAT(message["id"].get<std::string>(), StartsWith("msg_"));
  EXPECT_EQ(message["status"], "completed");
  EXPECT_EQ(message["role"], "assistant");
  EXPECT_EQ(message["content"], Json::parse(R"([{"type": "output_text",
      "text": "[o3] facts: KAPPA-9, LAMBDA-2 | input_tokens: 12", "annotations": []}])"));
  const Json& usage = response["usage"];
  EXPECT_EQ(usage["input_tokens"], 12);
  EXPECT_EQ(usage["total_tokens"].get<long>(),
            usage["input_tokens"].get<long>() + usage["output_tokens"].get<long>());
}

TEST(RespondToResponses, HasNoReasoningItemForOtherModels) {
  Json request = kRequest;
  request["model"] = "gpt-4.1";
  const Json response = RespondToResponses(request, 0);
  ASSERT_EQ(response["output"].size(), 1U);
  EXPECT_EQ(response["output"][0]["type"], "message");
}

TEST(StreamEvents, StreamTheResponseAndEndWithCompleted) {
  Json request = kRequest;
  request["model"] = "gpt-4.1";
  const Json response = RespondToResponses(request, 0);
  std::vector<std::string> types;
  std::string text;
  const auto events = StreamEvents(response);
  for (std::size_t i = 0; i < events.size(); ++i) {
    types.push_back(events[i].event);
    EXPECT_EQ(events[i].data["sequence_number"], i);
    if (events[i].event == "response.output_text.delta") {
      text += events[i].data["delta"].get<std::string>();
    }
  }
  EXPECT_THAT(types, ElementsAre("response.created", "response.in_progress",
                                 "response.output_item.added", "response.content_part.added",
                                 "response.output_text.delta", "response.output_text.delta",
                                 "response.output_text.done", "response.content_part.done",
                                 "response.output_item.done", "response.completed"));
  EXPECT_EQ(text, response["output"][0]["content"][0]["text"]);
  EXPECT_EQ(events.back().data["response"], response);
}

}  // namespace
}  // namespace model_stub::openai
