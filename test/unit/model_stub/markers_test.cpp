#include "markers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace model_stub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(FindMarkers, FindsHyphenatedUpperCaseTokens) {
  EXPECT_THAT(FindMarkers("facts: GAMMA-7 and ZEBRA-FLUX-42."),
              ElementsAre("GAMMA-7", "ZEBRA-FLUX-42"));
}

TEST(FindMarkers, RequiresWordBoundariesAndTwoCharacterFirstSegment) {
  EXPECT_THAT(FindMarkers("A-1 gamma-7 xGAMMA-7 GAMMA-7x GAMMA_7 GAMMA- -GAMMA"), IsEmpty());
  EXPECT_THAT(FindMarkers("GAMMA-7-beta"), ElementsAre("GAMMA-7"));
  EXPECT_THAT(FindMarkers("(AB-CD)\nEF-12_x"), ElementsAre("AB-CD"));
  EXPECT_THAT(FindMarkers("ID-1-2-3"), ElementsAre("ID-1-2-3"));
}

TEST(FindMarkers, SurvivesAHugeToken) {
  const std::string huge = "AB" + std::string(1'000'000, 'C') + "-1";
  const auto markers = FindMarkers(huge);
  ASSERT_EQ(markers.size(), 1U);
  EXPECT_EQ(markers[0].size(), huge.size());
}

TEST(CollectMarkers, ListsDistinctMarkersInOrderOfFirstAppearance) {
  const Json request = Json::parse(R"({
    "model": "GPT-4O-X",
    "instructions": "Remember OMEGA-3.",
    "input": [
      {"role": "user", "content": [{"type": "input_text", "text": "ALPHA-1 then OMEGA-3"}]},
      {"type": "function_call_output", "output": "{\"nested\": \"BETA-22 ALPHA-1\"}"}
    ]
  })");
  EXPECT_THAT(CollectMarkers(request), ElementsAre("OMEGA-3", "ALPHA-1", "BETA-22"));
}

TEST(CollectMarkers, IsEmptyWithoutMarkers) {
  EXPECT_THAT(CollectMarkers(Json::parse(R"({"input": "nothing SPECIAL here"})")), IsEmpty());
}

TEST(JoinMarkers, JoinsWithCommasOrSaysNone) {
  EXPECT_EQ(JoinMarkers({"A1-B", "C2-D"}), "A1-B, C2-D");
  EXPECT_EQ(JoinMarkers({}), "none");
}

}  // namespace
}  // namespace model_stub
