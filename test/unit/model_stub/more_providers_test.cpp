// Chat Completions, embeddings, Gemini and structured output.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "embeddings.h"
#include "gemini.h"
#include "openai.h"
#include "openai_chat.h"
#include "schema_value.h"

namespace model_stub {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

double Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  double dot = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) dot += static_cast<double>(a[i]) * b[i];
  return dot;  // both are unit vectors
}

TEST(SchemaValue, FillsEveryTypeFromTheMarkers) {
  const Json schema = Json::parse(R"({"type": "object", "required": ["facts", "count"],
    "properties": {"facts": {"type": "array", "items": {"type": "string"}},
                   "count": {"type": "integer"}, "summary": {"type": "string"},
                   "seen": {"type": "boolean"}, "level": {"enum": ["low", "high"]},
                   "nested": {"type": "object", "properties": {"score": {"type": ["number", "null"]}}}}})");
  EXPECT_EQ(SchemaValue(schema, {"AB-1", "CD-2"}), Json::parse(R"({"facts": ["AB-1", "CD-2"],
    "count": 2, "summary": "AB-1, CD-2", "seen": true, "level": "low", "nested": {"score": 2}})"));
}

TEST(SchemaValue, AcceptsGeminiUpperCaseTypes) {
  const Json schema =
      Json::parse(R"({"type": "OBJECT", "properties": {"ok": {"type": "BOOLEAN"}}})");
  EXPECT_EQ(SchemaValue(schema, {}), Json::parse(R"({"ok": false})"));
}

TEST(RespondToResponses, AnswersWithJsonValidAgainstTheRequestedSchema) {
  const Json request = Json::parse(R"({"model": "o3", "input": "XY-9",
    "text": {"format": {"type": "json_schema", "name": "r",
      "schema": {"type": "object", "properties": {"facts": {"type": "array", "items": {"type": "string"}}}}}}})");
  const Json response = openai::RespondToResponses(request, 0);
  EXPECT_EQ(Json::parse(response["output"][1]["content"][0]["text"].get<std::string>()),
            Json::parse(R"({"facts": ["XY-9"]})"));
}

TEST(RespondToChat, BuildsAChatCompletion) {
  const Json request = Json::parse(R"({"model": "gpt-4.1",
    "messages": [{"role": "system", "content": "Know OMEGA-1."}, {"role": "user", "content": "Hi"}]})");
  const Json completion = openai::RespondToChat(request, 42);
  EXPECT_THAT(completion["id"].get<std::string>(), StartsWith("chatcmpl-"));
  EXPECT_EQ(completion["object"], "chat.completion");
  EXPECT_EQ(completion["created"], 42);
  EXPECT_EQ(completion["choices"][0]["message"]["role"], "assistant");
  EXPECT_EQ(completion["choices"][0]["message"]["content"],
            "[gpt-4.1] facts: OMEGA-1 | input_tokens: 6");
  EXPECT_EQ(completion["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(completion["usage"]["prompt_tokens"], 6);
}

TEST(ChatStreamEvents, EndWithUsageThenDone) {
  const Json completion = openai::RespondToChat(
      Json::parse(R"({"model": "m", "messages": [{"role": "user", "content": "x"}]})"), 0);
  const auto events = openai::ChatStreamEvents(completion, /*include_usage=*/true);
  ASSERT_GE(events.size(), 5U);
  std::string text;
  for (const auto& event : events) {
    EXPECT_EQ(event.event, "");
    if (event.data.is_object() && !event.data["choices"].empty()) {
      text += event.data["choices"][0]["delta"].value("content", "");
    }
  }
  EXPECT_EQ(text, completion["choices"][0]["message"]["content"]);
  EXPECT_EQ(events[events.size() - 3].data["choices"][0]["finish_reason"], "stop");
  EXPECT_EQ(events[events.size() - 2].data["usage"], completion["usage"]);
  EXPECT_EQ(FormatSse(events.back()), "data: [DONE]\n\n");
}

TEST(HashEmbedding, IsDeterministicNormalisedAndSimilarForSharedWords) {
  const auto a = HashEmbedding("The quick brown fox jumps", kDefaultDimensions);
  const auto b = HashEmbedding("the QUICK brown fox sleeps", kDefaultDimensions);
  const auto c = HashEmbedding("Completely unrelated sentence here", kDefaultDimensions);
  EXPECT_EQ(a, HashEmbedding("The quick brown fox jumps", kDefaultDimensions));
  EXPECT_NEAR(Cosine(a, a), 1.0, 1e-5);
  EXPECT_GT(Cosine(a, b), Cosine(a, c));
  EXPECT_GT(Cosine(a, b), 0.5);
  EXPECT_THAT(HashEmbedding("", 3), ElementsAre(0.0F, 0.0F, 0.0F));
}

TEST(RespondToEmbeddings, ReturnsOneVectorPerInputInFloatOrBase64) {
  const Json floats = RespondToEmbeddings(Json::parse(
      R"({"model": "text-embedding-3-small", "input": ["a b", "c"], "dimensions": 8})"));
  EXPECT_EQ(floats["object"], "list");
  ASSERT_EQ(floats["data"].size(), 2U);
  EXPECT_EQ(floats["data"][1]["index"], 1);
  EXPECT_EQ(floats["data"][0]["embedding"].size(), 8U);

  const Json base64 = RespondToEmbeddings(
      Json::parse(R"({"input": "a b", "dimensions": 8, "encoding_format": "base64"})"));
  // 8 float32 values = 32 bytes = 44 base64 characters.
  EXPECT_EQ(base64["data"][0]["embedding"].get<std::string>().size(), 44U);
  EXPECT_TRUE(RespondToEmbeddings(Json::parse(R"({"input": 5})")).is_null());
}

TEST(RespondToGenerateContent, BuildsACandidateWithTheEchoAnswer) {
  const Json request = Json::parse(R"({"systemInstruction": {"parts": [{"text": "Know RHO-4."}]},
    "contents": [{"role": "user", "parts": [{"text": "hello"}]}]})");
  const Json response = gemini::RespondToGenerateContent(request, "gemini-2.5-pro");
  EXPECT_EQ(response["candidates"][0]["content"]["parts"][0]["text"],
            "[gemini-2.5-pro] facts: RHO-4 | input_tokens: 5");
  EXPECT_EQ(response["candidates"][0]["content"]["role"], "model");
  EXPECT_EQ(response["candidates"][0]["finishReason"], "STOP");
  EXPECT_EQ(response["usageMetadata"]["promptTokenCount"], 5);
}

TEST(RespondToGenerateContent, AnswersJsonForAResponseSchema) {
  const Json request = Json::parse(R"({"contents": [{"parts": [{"text": "PI-31"}]}],
    "generationConfig": {"responseMimeType": "application/json",
      "responseSchema": {"type": "OBJECT", "properties": {"n": {"type": "INTEGER"}}}}})");
  const Json response = gemini::RespondToGenerateContent(request, "g");
  EXPECT_EQ(
      Json::parse(response["candidates"][0]["content"]["parts"][0]["text"].get<std::string>()),
      Json::parse(R"({"n": 1})"));
}

TEST(GeminiStreamChunks, ConcatenateToTheTextAndFinishLast) {
  const Json response = gemini::RespondToGenerateContent(
      Json::parse(R"({"contents": [{"parts": [{"text": "a fairly long prompt about SIGMA-8"}]}]})"),
      "gemini-2.5-flash");
  const auto chunks = gemini::StreamChunks(response);
  ASSERT_GE(chunks.size(), 2U);
  std::string text;
  for (const auto& chunk : chunks)
    text += chunk["candidates"][0]["content"]["parts"][0]["text"].get<std::string>();
  EXPECT_EQ(text, response["candidates"][0]["content"]["parts"][0]["text"]);
  EXPECT_FALSE(chunks.front()["candidates"][0].contains("finishReason"));
  EXPECT_EQ(chunks.back()["candidates"][0]["finishReason"], "STOP");
  EXPECT_EQ(chunks.back()["usageMetadata"], response["usageMetadata"]);
}

}  // namespace
}  // namespace model_stub
