// The conformance suite's fixture resources and prompts.

#include <functional>

#include "../protocol/uri_template.h"
#include "conformance_fixtures.h"

namespace mcp_server {
namespace {

using nlohmann::json;

constexpr const char* kTemplate = "test://template/{id}/data";

class FixtureResources : public ResourceSource {
 public:
  std::vector<ResourceDescription> List() const override {
    return {{"test://static-text", "static-text", "Static Text Resource",
             "A static text resource for testing", "text/plain"},
            {"test://static-binary", "static-binary", "Static Binary Resource",
             "A static binary resource (image) for testing", "image/png"},
            {"test://watched-resource", "watched-resource", "Watched Resource",
             "A resource clients can subscribe to", "text/plain"}};
  }

  std::vector<ResourceTemplateDescription> Templates() const override {
    return {{kTemplate, "template", "Resource Template",
             "A resource template with parameter substitution", "application/json"}};
  }

  std::optional<json> Read(const std::string& uri) const override {
    if (uri == "test://static-text") {
      return json::array(
          {TextContents(uri, "text/plain", "This is the content of the static text resource.")});
    }
    if (uri == "test://static-binary") {
      return json::array({{{"uri", uri}, {"mimeType", "image/png"}, {"blob", kFixturePngBase64}}});
    }
    if (uri == "test://watched-resource") {
      return json::array({TextContents(uri, "text/plain", "Watched resource content")});
    }
    if (auto values = MatchUriTemplate(kTemplate, uri)) {
      const std::string& id = values->at("id");
      const json body{{"id", id}, {"templateTest", true}, {"data", "Data for ID: " + id}};
      return json::array({TextContents(uri, "application/json", body.dump())});
    }
    return std::nullopt;
  }

  std::vector<std::string> Complete(const std::string& uri_template, const std::string& variable,
                                    const std::string& prefix) const override {
    if (uri_template != kTemplate || variable != "id") return {};
    return WithPrefix({"1", "2", "3", "123"}, prefix);
  }
};

// A prompt whose messages are fixed or built from its arguments.
class FixturePrompt : public Prompt {
 public:
  using Body = std::function<json(const PromptArguments&)>;
  FixturePrompt(std::string name, std::string title, std::string description,
                std::vector<PromptArgument> arguments, Body body)
      : name_(std::move(name)),
        title_(std::move(title)),
        description_(std::move(description)),
        arguments_(std::move(arguments)),
        body_(std::move(body)) {}

  std::string Name() const override { return name_; }
  std::string Title() const override { return title_; }
  std::string Description() const override { return description_; }
  std::vector<PromptArgument> Arguments() const override { return arguments_; }
  json Get(const PromptArguments& arguments) const override {
    return {{"messages", body_(arguments)}};
  }
  std::vector<std::string> Complete(const std::string& argument,
                                    const std::string& prefix) const override {
    if (argument == "arg1" || argument == "arg2") {
      return WithPrefix({"hello", "world", "testValue1", "testValue2"}, prefix);
    }
    return {};
  }

 private:
  std::string name_;
  std::string title_;
  std::string description_;
  std::vector<PromptArgument> arguments_;
  Body body_;
};

}  // namespace

void AddConformanceFixtureResources(ResourceCatalog& resources) {
  resources.Add(std::make_unique<FixtureResources>());
}

void AddConformanceFixturePrompts(PromptCatalog& prompts) {
  prompts.Add(std::make_unique<FixturePrompt>(
      "test_simple_prompt", "Simple Test Prompt", "A simple prompt without arguments",
      std::vector<PromptArgument>{}, [](const PromptArguments&) {
        return json::array({TextPromptMessage("This is a simple prompt for testing.")});
      }));
  prompts.Add(std::make_unique<FixturePrompt>(
      "test_prompt_with_arguments", "Prompt With Arguments", "A prompt with required arguments",
      std::vector<PromptArgument>{{"arg1", "First test argument", true},
                                  {"arg2", "Second test argument", true}},
      [](const PromptArguments& arguments) {
        return json::array(
            {TextPromptMessage("Prompt with arguments: arg1='" + arguments.at("arg1") +
                               "', arg2='" + arguments.at("arg2") + "'")});
      }));
  prompts.Add(std::make_unique<FixturePrompt>(
      "test_prompt_with_embedded_resource", "Prompt With Embedded Resource",
      "A prompt that includes an embedded resource",
      std::vector<PromptArgument>{{"resourceUri", "URI of the resource to embed", true}},
      [](const PromptArguments& arguments) {
        return json::array({{{"role", "user"},
                             {"content",
                              {{"type", "resource"},
                               {"resource",
                                {{"uri", arguments.at("resourceUri")},
                                 {"mimeType", "text/plain"},
                                 {"text", "Embedded resource content for testing."}}}}}},
                            TextPromptMessage("Please process the embedded resource above.")});
      }));
  prompts.Add(std::make_unique<FixturePrompt>(
      "test_prompt_with_image", "Prompt With Image", "A prompt that includes image content",
      std::vector<PromptArgument>{}, [](const PromptArguments&) {
        return json::array(
            {{{"role", "user"},
              {"content",
               {{"type", "image"}, {"data", kFixturePngBase64}, {"mimeType", "image/png"}}}},
             TextPromptMessage("Please analyze the image above.")});
      }));
}

}  // namespace mcp_server
