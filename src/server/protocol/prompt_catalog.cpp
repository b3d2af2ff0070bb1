#include "prompt_catalog.h"

namespace mcp_server {

using nlohmann::json;

std::vector<std::string> Prompt::Complete(const std::string&, const std::string&) const {
  return {};
}

void PromptCatalog::Add(std::unique_ptr<Prompt> prompt) { prompts_.push_back(std::move(prompt)); }

const Prompt* PromptCatalog::Find(std::string_view name) const {
  for (const auto& prompt : prompts_) {
    if (prompt->Name() == name) return prompt.get();
  }
  return nullptr;
}

json PromptCatalog::ListJson() const {
  auto list = json::array();
  for (const auto& prompt : prompts_) {
    json entry{{"name", prompt->Name()}, {"description", prompt->Description()}};
    if (!prompt->Title().empty()) entry["title"] = prompt->Title();
    auto arguments = json::array();
    for (const auto& argument : prompt->Arguments()) {
      arguments.push_back({{"name", argument.name},
                           {"description", argument.description},
                           {"required", argument.required}});
    }
    entry["arguments"] = std::move(arguments);
    list.push_back(std::move(entry));
  }
  return {{"prompts", std::move(list)}};
}

std::variant<json, std::string> PromptCatalog::Get(const std::string& name,
                                                   const json& arguments) const {
  const Prompt* prompt = Find(name);
  if (!prompt) return "Unknown prompt: " + name;
  if (!arguments.is_null() && !arguments.is_object())
    return std::string("'arguments' must be an object");
  PromptArguments values;
  if (arguments.is_object()) {
    for (const auto& [key, value] : arguments.items()) {
      if (!value.is_string()) return "argument '" + key + "' must be a string";
      values[key] = value.get<std::string>();
    }
  }
  for (const auto& argument : prompt->Arguments()) {
    if (argument.required && !values.count(argument.name)) {
      return "prompt " + name + " needs argument '" + argument.name + "'";
    }
  }
  return prompt->Get(values);
}

json TextPromptMessage(const std::string& text, const std::string& role) {
  return {{"role", role}, {"content", {{"type", "text"}, {"text", text}}}};
}

std::vector<std::string> WithPrefix(const std::vector<std::string>& candidates,
                                    const std::string& prefix) {
  std::vector<std::string> values;
  for (const auto& candidate : candidates) {
    if (candidate.compare(0, prefix.size(), prefix) == 0) values.push_back(candidate);
  }
  return values;
}

}  // namespace mcp_server
