// Function calls of the OpenAI and Gemini echo brain: a `call function <name>
// with {...}` directive plus an offered function gives a call first; once the
// request carries the function's output, the echo text (with its markers).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "gemini.h"
#include "openai.h"
#include "openai_chat.h"
#include "stub_fixture.h"

namespace model_stub {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kDirective = R"(Weather? call function get_weather with {"city": "Paris"})";

TEST(ResponsesFunctionCalls, CallsTheOfferedFunctionFirst) {
  const Json request = {{"model", "gpt-4.1"},
                        {"input", kDirective},
                        {"tools", {{{"type", "function"}, {"name", "get_weather"}}}}};
  const Json response = openai::RespondToResponses(request, 0);
  ASSERT_EQ(response["output"].size(), 1U);
  const Json& item = response["output"][0];
  EXPECT_EQ(item["type"], "function_call");
  EXPECT_EQ(item["name"], "get_weather");
  EXPECT_THAT(item["call_id"].get<std::string>(), StartsWith("call_"));
  EXPECT_EQ(Json::parse(item["arguments"].get<std::string>()), Json::parse(R"({"city": "Paris"})"));
}

TEST(ResponsesFunctionCalls, AnswersWithTheEchoTextOnceTheOutputIsThere) {
  const Json request = {
      {"model", "o3"},
      {"input",
       {{{"role", "user"}, {"content", {{{"type", "input_text"}, {"text", kDirective}}}}},
        {{"type", "function_call"},
         {"call_id", "call_1"},
         {"name", "get_weather"},
         {"arguments", "{}"}},
        {{"type", "function_call_output"}, {"call_id", "call_1"}, {"output", "SUNNY-22"}}}},
      {"tools", {{{"type", "function"}, {"name", "get_weather"}}}}};
  const Json response = openai::RespondToResponses(request, 0);
  ASSERT_EQ(response["output"].size(), 2U);  // reasoning, then the message
  EXPECT_EQ(response["output"][1]["type"], "message");
  EXPECT_THAT(response["output"][1]["content"][0]["text"].get<std::string>(),
              HasSubstr("facts: SUNNY-22"));
}

TEST(ResponsesFunctionCalls, IgnoresTheDirectiveWhenTheFunctionIsNotOffered) {
  const Json request = {{"model", "gpt-4.1"}, {"input", kDirective}};
  const Json response = openai::RespondToResponses(request, 0);
  EXPECT_EQ(response["output"][0]["type"], "message");
}

TEST(ResponsesFunctionCalls, StreamsTheArguments) {
  const Json request = {{"model", "gpt-4.1"},
                        {"input", kDirective},
                        {"tools", {{{"type", "function"}, {"name", "get_weather"}}}}};
  const auto events = openai::StreamEvents(openai::RespondToResponses(request, 0));
  std::string arguments;
  std::vector<std::string> types;
  for (const auto& event : events) {
    types.push_back(event.event);
    if (event.event == "response.function_call_arguments.delta") {
      arguments += event.data["delta"].get<std::string>();
    }
  }
  EXPECT_THAT(types, ::testing::Contains("response.function_call_arguments.done"));
  EXPECT_EQ(types.back(), "response.completed");
  EXPECT_EQ(Json::parse(arguments), Json::parse(R"({"city": "Paris"})"));
}

TEST(ChatFunctionCalls, CallsTheOfferedFunctionThenEchoesItsOutput) {
  Json request = {{"model", "gpt-4.1"},
                  {"messages", {{{"role", "user"}, {"content", kDirective}}}},
                  {"tools", {{{"type", "function"}, {"function", {{"name", "get_weather"}}}}}}};
  const Json first = openai::RespondToChat(request, 0);
  const Json& choice = first["choices"][0];
  EXPECT_EQ(choice["finish_reason"], "tool_calls");
  EXPECT_TRUE(choice["message"]["content"].is_null());
  ASSERT_EQ(choice["message"]["tool_calls"].size(), 1U);
  const Json& call = choice["message"]["tool_calls"][0];
  EXPECT_EQ(call["type"], "function");
  EXPECT_EQ(call["function"]["name"], "get_weather");
  EXPECT_EQ(Json::parse(call["function"]["arguments"].get<std::string>()),
            Json::parse(R"({"city": "Paris"})"));

  request["messages"].push_back(choice["message"]);
  request["messages"].push_back(
      {{"role", "tool"}, {"tool_call_id", call["id"]}, {"content", "RAINY-3"}});
  const Json second = openai::RespondToChat(request, 0);
  EXPECT_EQ(second["choices"][0]["finish_reason"], "stop");
  EXPECT_THAT(second["choices"][0]["message"]["content"].get<std::string>(),
              HasSubstr("facts: RAINY-3"));
}

TEST(ChatFunctionCalls, StreamsTheCallAsToolCallDeltas) {
  const Json request = {
      {"model", "gpt-4.1"},
      {"messages", {{{"role", "user"}, {"content", kDirective}}}},
      {"tools", {{{"type", "function"}, {"function", {{"name", "get_weather"}}}}}}};
  const auto events = openai::ChatStreamEvents(openai::RespondToChat(request, 0), false);
  ASSERT_GE(events.size(), 4U);
  EXPECT_EQ(events[0].data["choices"][0]["delta"]["tool_calls"][0]["function"]["name"],
            "get_weather");
  std::string arguments;
  for (const auto& event : events) {
    if (!event.data.is_object()) continue;
    const Json& delta = event.data["choices"][0]["delta"];
    if (delta.contains("tool_calls")) {
      arguments += delta["tool_calls"][0]["function"]["arguments"].get<std::string>();
    }
  }
  EXPECT_EQ(Json::parse(arguments), Json::parse(R"({"city": "Paris"})"));
  EXPECT_EQ(events[events.size() - 2].data["choices"][0]["finish_reason"], "tool_calls");
}

TEST(GeminiFunctionCalls, CallsTheDeclaredFunctionThenEchoesItsResponse) {
  Json request = {{"contents", {{{"role", "user"}, {"parts", {{{"text", kDirective}}}}}}},
                  {"tools", {{{"functionDeclarations", {{{"name", "get_weather"}}}}}}}};
  const Json first = gemini::RespondToGenerateContent(request, "gemini-2.5-pro");
  const Json& part = first["candidates"][0]["content"]["parts"][0];
  EXPECT_EQ(part["functionCall"]["name"], "get_weather");
  EXPECT_EQ(part["functionCall"]["args"], Json::parse(R"({"city": "Paris"})"));
  const auto chunks = gemini::StreamChunks(first);
  ASSERT_EQ(chunks.size(), 1U);
  EXPECT_EQ(chunks[0]["candidates"][0]["content"]["parts"][0], part);

  request["contents"].push_back({{"role", "model"}, {"parts", {part}}});
  request["contents"].push_back(Json::parse(R"({"role": "user", "parts": [
      {"functionResponse": {"name": "get_weather", "response": {"sky": "CLOUDY-8"}}}]})"));
  const Json second = gemini::RespondToGenerateContent(request, "gemini-2.5-pro");
  EXPECT_THAT(second["candidates"][0]["content"]["parts"][0]["text"].get<std::string>(),
              HasSubstr("facts: CLOUDY-8"));
}

TEST_F(StubServerTest, CallsAFunctionOverHttpForEachOpenAiAndGeminiEndpoint) {
  const Json responses = {{"model", "gpt-4.1"},
                          {"stream", true},
                          {"input", kDirective},
                          {"tools", {{{"type", "function"}, {"name", "get_weather"}}}}};
  auto streamed = PostJson("/v1/responses", responses);
  ASSERT_TRUE(streamed);
  const auto events = ParseSse(streamed->body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().second["response"]["output"][0]["type"], "function_call");

  const Json gemini = {{"contents", {{{"parts", {{{"text", kDirective}}}}}}},
                       {"tools", {{{"function_declarations", {{{"name", "get_weather"}}}}}}}};
  auto answer = PostJson("/v1beta/models/gemini-2.5-flash:generateContent", gemini);
  ASSERT_TRUE(answer);
  EXPECT_EQ(
      Json::parse(answer->body)["candidates"][0]["content"]["parts"][0]["functionCall"]["name"],
      "get_weather");
}

}  // namespace
}  // namespace model_stub
