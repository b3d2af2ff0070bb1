// Each provider's wire format: request bodies (history, effort, temperature,
// structured output in the native form) and answer extraction, and the
// history conversion that lets one session move between providers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "providers/chat_completions_provider.h"
#include "providers/gemini_provider.h"
#include "providers/history_format.h"
#include "providers/responses_provider.h"

namespace mcp_server {
namespace {

using nlohmann::json;
using ::testing::Optional;

const json kSchema = {
    {"type", "object"},
    {"properties", {{"facts", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
    {"required", {"facts"}},
    {"additionalProperties", false}};

// A session an o3 call started: user, assistant (o3), then a new question.
std::vector<ChatMessage> O3Conversation() {
  const std::vector<Turn> stored = {{"user", "q1", "openai", "o3", 1},
                                    {"assistant", "a1", "openai", "o3", 1}};
  auto messages = MessagesFromTurns(stored);
  messages.push_back({"user", "q2"});
  return messages;
}

TEST(HistoryFormat, ResponsesInputKeepsUserAndAssistantRoles) {
  EXPECT_EQ(ToResponsesInput(O3Conversation()),
            json::parse(R"([{"role":"user","content":"q1"},{"role":"assistant","content":"a1"},
                            {"role":"user","content":"q2"}])"));
}

TEST(HistoryFormat, ChatCompletionsMessagesLeadWithTheSystemTextWhenGiven) {
  EXPECT_EQ(ToChatCompletionsMessages("be brief", O3Conversation()),
            json::parse(R"([{"role":"system","content":"be brief"},
                            {"role":"user","content":"q1"},{"role":"assistant","content":"a1"},
                            {"role":"user","content":"q2"}])"));
  EXPECT_EQ(ToChatCompletionsMessages("", O3Conversation()).size(), 3u);
}

TEST(HistoryFormat, AnO3TurnContinuedByGeminiShowsUpAsUserAndModelContents) {
  EXPECT_EQ(ToGeminiContents(O3Conversation()),
            json::parse(R"([{"role":"user","parts":[{"text":"q1"}]},
                            {"role":"model","parts":[{"text":"a1"}]},
                            {"role":"user","parts":[{"text":"q2"}]}])"));
  EXPECT_EQ(ToGeminiSystemInstruction("be brief"),
            json::parse(R"({"parts":[{"text":"be brief"}]})"));
}

TEST(ResponsesProviderBody, CarriesHistoryInstructionsEffortAndTextFormat) {
  ChatRequest request{"o3", "be brief", O3Conversation(), std::nullopt, "low", kSchema};
  const json body = ResponsesProvider::BuildBody(request);
  EXPECT_EQ(body["model"], "o3");
  EXPECT_EQ(body["input"].size(), 3u);
  EXPECT_EQ(body["instructions"], "be brief");
  EXPECT_EQ(body["reasoning"]["effort"], "low");
  EXPECT_FALSE(body.contains("temperature"));
  EXPECT_EQ(body["text"]["format"]["type"], "json_schema");
  EXPECT_EQ(body["text"]["format"]["schema"], kSchema);
}

TEST(ResponsesProviderBody, OmitsWhatWasNotAsked) {
  const json body = ResponsesProvider::BuildBody({"o3", "", {{"user", "q"}}, {}, {}, {}});
  EXPECT_FALSE(body.contains("instructions"));
  EXPECT_FALSE(body.contains("reasoning"));
  EXPECT_FALSE(body.contains("text"));
}

TEST(ResponsesProviderAnswer, ExtractsOutputTextFromMessageItemsOnly) {
  const json response = json::parse(R"({"output":[
      {"type":"reasoning","summary":[{"type":"summary_text","text":"thinking"}]},
      {"type":"message","content":[{"type":"output_text","text":"Hello "},
                                   {"type":"refusal","refusal":"no"},
                                   {"type":"output_text","text":"world"}]}]})");
  EXPECT_THAT(ResponsesProvider::ExtractText(response), Optional(std::string("Hello world")));
  EXPECT_EQ(ResponsesProvider::ExtractText(json::parse(R"({"output":[]})")), std::nullopt);
  EXPECT_EQ(ResponsesProvider::ExtractText(json::parse("[1]")), std::nullopt);
}

TEST(ChatCompletionsProviderBody, CarriesMessagesTemperatureAndResponseFormat) {
  ChatRequest request{"gpt-4.1", "be brief", O3Conversation(), 0.3, std::nullopt, kSchema};
  const json body = ChatCompletionsProvider::BuildBody(request);
  EXPECT_EQ(body["model"], "gpt-4.1");
  EXPECT_EQ(body["messages"].size(), 4u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.3);
  EXPECT_FALSE(body.contains("reasoning_effort"));
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
  EXPECT_EQ(body["response_format"]["json_schema"]["schema"], kSchema);
}

TEST(ChatCompletionsProviderAnswer, ExtractsTheFirstChoicesContent) {
  EXPECT_THAT(ChatCompletionsProvider::ExtractText(
                  json::parse(R"({"choices":[{"message":{"role":"assistant","content":"hi"}}]})")),
              Optional(std::string("hi")));
  EXPECT_EQ(ChatCompletionsProvider::ExtractText(json::parse(R"({"choices":[]})")), std::nullopt);
  EXPECT_EQ(ChatCompletionsProvider::ExtractText(
                json::parse(R"({"choices":[{"message":{"content":null}}]})")),
            std::nullopt);
}

TEST(GeminiProviderBody, CarriesContentsSystemInstructionAndGenerationConfig) {
  ChatRequest request{"gemini-2.5-pro", "be brief", O3Conversation(), 0.5, "high", kSchema};
  const json body = GeminiProvider::BuildBody(request);
  EXPECT_EQ(body["contents"][1]["role"], "model");
  EXPECT_EQ(body["systemInstruction"]["parts"][0]["text"], "be brief");
  const json& config = body["generationConfig"];
  EXPECT_DOUBLE_EQ(config["temperature"].get<double>(), 0.5);
  EXPECT_EQ(config["thinkingConfig"]["thinkingBudget"], 24576);
  EXPECT_EQ(config["responseMimeType"], "application/json");
  // Gemini's OpenAPI-subset schema has no additionalProperties.
  EXPECT_FALSE(config["responseSchema"].contains("additionalProperties"));
  EXPECT_EQ(config["responseSchema"]["properties"], kSchema["properties"]);
}

TEST(GeminiProviderBody, MapsEachEffortToAThinkingBudget) {
  EXPECT_EQ(GeminiProvider::ThinkingBudgetFor("low"), 1024);
  EXPECT_EQ(GeminiProvider::ThinkingBudgetFor("medium"), 8192);
  EXPECT_EQ(GeminiProvider::ThinkingBudgetFor("high"), 24576);
  const json plain =
      GeminiProvider::BuildBody({"gemini-2.5-flash", "", {{"user", "q"}}, {}, {}, {}});
  EXPECT_FALSE(plain.contains("generationConfig"));
  EXPECT_FALSE(plain.contains("systemInstruction"));
}

TEST(GeminiProviderAnswer, JoinsTextPartsAndSkipsThoughts) {
  const json response = json::parse(R"({"candidates":[{"content":{"role":"model","parts":[
      {"text":"pondering","thought":true},{"text":"Hello "},{"text":"world"}]}}]})");
  EXPECT_THAT(GeminiProvider::ExtractText(response), Optional(std::string("Hello world")));
  EXPECT_EQ(GeminiProvider::ExtractText(json::parse(R"({"candidates":[]})")), std::nullopt);
  EXPECT_EQ(GeminiProvider::ExtractText(json::parse(R"({"promptFeedback":{}})")), std::nullopt);
}

TEST(GeminiProviderEndpoint, UsesTheAiStudioShapeUnlessVertexIsConfigured) {
  const GeminiProvider studio({{"http://h/v1beta", "k"}, "", ""});
  EXPECT_EQ(studio.Endpoint("gemini-2.5-pro"),
            "http://h/v1beta/models/gemini-2.5-pro:generateContent");
  EXPECT_EQ(studio.MissingConfiguration(), std::nullopt);
  const GeminiProvider vertex({{"http://h/v1", ""}, "proj", "europe-west4"});
  EXPECT_EQ(vertex.Endpoint("gemini-2.5-flash"),
            "http://h/v1/projects/proj/locations/europe-west4/publishers/google/models/"
            "gemini-2.5-flash:generateContent");
  EXPECT_THAT(vertex.MissingConfiguration(), Optional(::testing::HasSubstr("VERTEX_ACCESS_TOKEN")));
  const GeminiProvider keyless({{"http://h/v1beta", ""}, "", ""});
  EXPECT_THAT(keyless.MissingConfiguration(), Optional(::testing::HasSubstr("GEMINI_API_KEY")));
}

}  // namespace
}  // namespace mcp_server
