#include "normalise.h"

#include <gtest/gtest.h>

namespace model_stub {
namespace {

TEST(NormaliseText, ReplacesUuidsTimestampsAndDates) {
  EXPECT_EQ(NormaliseText("session_0f8fad5b-d9cb-469f-a165-70867728950e at 2025-11-27T07:04:05.123Z"
                          " or 2025-11-27 12:00:00+01:00, due 2025-12-01."),
            "session_<uuid> at <timestamp> or <timestamp>, due <date>.");
}

TEST(NormaliseText, LeavesMarkersAndNumbersAlone) {
  EXPECT_EQ(NormaliseText("GAMMA-7 ZEBRA-FLUX-42 2025 12-31 v1.2.3"),
            "GAMMA-7 ZEBRA-FLUX-42 2025 12-31 v1.2.3");
}

TEST(NormaliseText, BlanksClaudeCodesEnvironmentLines) {
  EXPECT_EQ(NormaliseText("<env>\nWorking directory: /home/me/x\nIs directory a git repo: No\n"
                          "OS Version: Linux 6.1.0-18-amd64\nToday's date: 2025-11-27\n</env>"),
            "<env>\nWorking directory: <env>\nIs directory a git repo: No\nOS Version: <env>\n"
            "Today's date: <env>\n</env>");
}

TEST(NormaliseBody, DropsSessionFieldsAndBlanksIds) {
  const Json body = Json::parse(R"({
    "model": "m", "metadata": {"user_id": "u"}, "user": "x", "prompt_cache_key": "k",
    "messages": [{"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "input": {"id": 7}}]},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1"}]}]})");
  EXPECT_EQ(NormaliseBody(body), Json::parse(R"({
    "model": "m",
    "messages": [{"role": "assistant", "content": [{"type": "tool_use", "id": "<id>", "input": {"id": 7}}]},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "<id>"}]}]})"));
}

TEST(NormalisePath, HidesTheVertexProjectAndLocation) {
  EXPECT_EQ(NormalisePath("/v1/projects/my-proj/locations/us-central1/publishers/google/models/"
                          "gemini-2.5-pro:generateContent"),
            "/v1/projects/<project>/locations/<location>/publishers/google/models/"
            "gemini-2.5-pro:generateContent");
  EXPECT_EQ(NormalisePath("/v1/messages"), "/v1/messages");
}

}  // namespace
}  // namespace model_stub
