// The conformance suite's fixture tools. Each is a FixtureTool: a name, a
// schema and a function of (arguments, request context).

#include <chrono>
#include <functional>

#include "../protocol/request_context.h"
#include "../schema_check.h"
#include "conformance_fixtures.h"

namespace mcp_server {
namespace {

using nlohmann::json;

// How long a fixture waits for the client to answer sampling or elicitation.
constexpr std::chrono::seconds kClientAnswerTimeout{30};

class FixtureTool : public Tool {
 public:
  using Body = std::function<ToolResult(const json& arguments, RequestContext& context)>;

  FixtureTool(std::string name, std::string description, json schema, bool needs_stream, Body body)
      : name_(std::move(name)),
        description_(std::move(description)),
        schema_(std::move(schema)),
        needs_stream_(needs_stream),
        body_(std::move(body)) {}

  std::string Name() const override { return name_; }
  std::string Description() const override { return description_; }
  json InputSchema() const override { return schema_; }
  bool NeedsStream() const override { return needs_stream_; }
  ToolResult Call(const json& arguments) override {
    RequestContext detached;
    return CallInContext(arguments, detached);
  }
  ToolResult CallInContext(const json& arguments, RequestContext& context) override {
    if (auto problem = CheckArguments(schema_, arguments)) return ToolResult::Fail(*problem);
    return body_(arguments, context);
  }

 private:
  std::string name_;
  std::string description_;
  json schema_;
  bool needs_stream_;
  Body body_;
};

json NoArguments() {
  return {{"type", "object"}, {"properties", json::object()}, {"additionalProperties", false}};
}

json OneStringArgument(const std::string& name, const std::string& description) {
  return {{"type", "object"},
          {"properties", {{name, {{"type", "string"}, {"description", description}}}}},
          {"required", {name}},
          {"additionalProperties", false}};
}

json Text(const std::string& text) { return {{"type", "text"}, {"text", text}}; }
json Image() { return {{"type", "image"}, {"data", kFixturePngBase64}, {"mimeType", "image/png"}}; }

ToolResult TextResult(const std::string& text) { return ToolResult::WithContent({Text(text)}); }

// Asks the client through `context` and describes its answer as the
// reference server does ("<label>: action=accept, content={...}").
ToolResult Elicit(RequestContext& context, const std::string& label, json params) {
  const ClientAnswer answer =
      context.Ask("elicitation/create", std::move(params), kClientAnswerTimeout);
  if (!answer.result) return ToolResult::Fail("elicitation failed: " + answer.error);
  return TextResult(label + ": action=" + answer.result->value("action", "") +
                    ", content=" + answer.result->value("content", json::object()).dump());
}

json DefaultsSchema() {
  return {{"type", "object"},
          {"properties",
           {{"name", {{"type", "string"}, {"description", "User name"}, {"default", "John Doe"}}},
            {"age", {{"type", "integer"}, {"description", "User age"}, {"default", 30}}},
            {"score", {{"type", "number"}, {"description", "User score"}, {"default", 95.5}}},
            {"status",
             {{"type", "string"},
              {"description", "User status"},
              {"enum", {"active", "inactive", "pending"}},
              {"default", "active"}}},
            {"verified",
             {{"type", "boolean"}, {"description", "Verification status"}, {"default", true}}}}},
          {"required", json::array()}};
}

json TitledOptions(const char* title_prefix) {
  return json::array({{{"const", "value1"}, {"title", std::string("First ") + title_prefix}},
                      {{"const", "value2"}, {"title", std::string("Second ") + title_prefix}},
                      {{"const", "value3"}, {"title", std::string("Third ") + title_prefix}}});
}

json EnumsSchema() {
  const json options = {"option1", "option2", "option3"};
  return {{"type", "object"},
          {"properties",
           {{"untitledSingle",
             {{"type", "string"}, {"description", "Select one option"}, {"enum", options}}},
            {"titledSingle",
             {{"type", "string"},
              {"description", "Select one option with titles"},
              {"oneOf", TitledOptions("Option")}}},
            {"legacyEnum",
             {{"type", "string"},
              {"description", "Select one option (legacy)"},
              {"enum", {"opt1", "opt2", "opt3"}},
              {"enumNames", {"Option One", "Option Two", "Option Three"}}}},
            {"untitledMulti",
             {{"type", "array"},
              {"description", "Select multiple options"},
              {"minItems", 1},
              {"maxItems", 3},
              {"items", {{"type", "string"}, {"enum", options}}}}},
            {"titledMulti",
             {{"type", "array"},
              {"description", "Select multiple options with titles"},
              {"minItems", 1},
              {"maxItems", 3},
              {"items", {{"anyOf", TitledOptions("Choice")}}}}}}},
          {"required", json::array()}};
}

json JsonSchema2020Tool() {
  return {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"type", "object"},
      {"$defs",
       {{"address",
         {{"type", "object"},
          {"properties", {{"street", {{"type", "string"}}}, {"city", {{"type", "string"}}}}}}}}},
      {"properties", {{"name", {{"type", "string"}}}, {"address", {{"$ref", "#/$defs/address"}}}}},
      {"additionalProperties", false}};
}

std::vector<std::unique_ptr<FixtureTool>> ContentTools() {
  std::vector<std::unique_ptr<FixtureTool>> tools;
  const auto add = [&](const char* name, const char* description, json content) {
    tools.push_back(std::make_unique<FixtureTool>(
        name, description, NoArguments(), false,
        [content](const json&, RequestContext&) { return ToolResult::WithContent(content); }));
  };
  add("test_simple_text", "Tests simple text content response",
      {Text("This is a simple text response for testing.")});
  add("test_image_content", "Tests image content response", {Image()});
  add("test_audio_content", "Tests audio content response",
      {{{"type", "audio"}, {"data", kFixtureWavBase64}, {"mimeType", "audio/wav"}}});
  add("test_embedded_resource", "Tests embedded resource content response",
      {{{"type", "resource"},
        {"resource",
         {{"uri", "test://embedded-resource"},
          {"mimeType", "text/plain"},
          {"text", "This is an embedded resource content."}}}}});
  add("test_multiple_content_types",
      "Tests response with multiple content types (text, image, resource)",
      {Text("Multiple content types test:"),
       Image(),
       {{"type", "resource"},
        {"resource",
         {{"uri", "test://mixed-content-resource"},
          {"mimeType", "application/json"},
          {"text", json{{"test", "data"}, {"value", 123}}.dump()}}}}});
  add("test_reconnection",
      "Tests SSE polling (SEP-1699). This server does not close streams mid-call, so the result "
      "arrives on the first response.",
      {Text("Reconnection test completed successfully.")});
  return tools;
}

std::vector<std::unique_ptr<FixtureTool>> ChannelTools() {
  std::vector<std::unique_ptr<FixtureTool>> tools;
  tools.push_back(std::make_unique<FixtureTool>(
      "test_tool_with_logging", "Tests tool that emits log messages during execution",
      NoArguments(), true, [](const json&, RequestContext& context) {
        for (const char* step :
             {"Tool execution started", "Tool processing data", "Tool execution completed"}) {
          context.Log(LogLevel::kInfo, step, "conformance-test-server");
        }
        return TextResult("Tool with logging executed successfully");
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "test_tool_with_progress", "Tests tool that reports progress notifications", NoArguments(),
      true, [](const json&, RequestContext& context) {
        for (int step : {0, 50, 100}) {
          context.Progress(step, 100, "Completed step " + std::to_string(step) + " of 100");
        }
        return TextResult(context.has_progress_token() ? "progress reported" : "no progressToken");
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "test_error_handling", "Tests error response handling", NoArguments(), false,
      [](const json&, RequestContext&) {
        return ToolResult::Fail("This tool intentionally returns an error for testing");
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "test_sampling", "Tests server-initiated sampling (LLM completion request)",
      OneStringArgument("prompt", "The prompt to send to the LLM"), true,
      [](const json& arguments, RequestContext& context) {
        const ClientAnswer answer =
            context.Ask("sampling/createMessage",
                        {{"messages", {{{"role", "user"}, {"content", Text(arguments["prompt"])}}}},
                         {"maxTokens", 100}},
                        kClientAnswerTimeout);
        if (!answer.result) return ToolResult::Fail("sampling failed: " + answer.error);
        const json content = answer.result->value("content", json::object());
        return TextResult("LLM response: " +
                          (content.is_object() ? content.value("text", "") : std::string()));
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "test_elicitation", "Tests server-initiated elicitation (user input request)",
      OneStringArgument("message", "The message to show the user"), true,
      [](const json& arguments, RequestContext& context) {
        return Elicit(context, "User response",
                      {{"message", arguments["message"]},
                       {"requestedSchema",
                        {{"type", "object"},
                         {"properties",
                          {{"response", {{"type", "string"}, {"description", "User's response"}}}}},
                         {"required", {"response"}}}}});
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034",
      NoArguments(), true, [](const json&, RequestContext& context) {
        return Elicit(context, "Elicitation completed",
                      {{"message", "Please review and update the form fields with defaults"},
                       {"requestedSchema", DefaultsSchema()}});
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "test_elicitation_sep1330_enums",
      "Tests elicitation with enum schema improvements per SEP-1330", NoArguments(), true,
      [](const json&, RequestContext& context) {
        return Elicit(context, "Elicitation completed",
                      {{"message", "Please select options from the enum fields"},
                       {"requestedSchema", EnumsSchema()}});
      }));
  tools.push_back(std::make_unique<FixtureTool>(
      "json_schema_2020_12_tool",
      "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)",
      JsonSchema2020Tool(), false, [](const json& arguments, RequestContext&) {
        return TextResult("JSON Schema 2020-12 tool called with: " + arguments.dump());
      }));
  return tools;
}

}  // namespace

void AddConformanceFixtureTools(ToolRegistry& tools) {
  for (auto& tool : ContentTools()) tools.Add(std::move(tool));
  for (auto& tool : ChannelTools()) tools.Add(std::move(tool));
}

}  // namespace mcp_server
