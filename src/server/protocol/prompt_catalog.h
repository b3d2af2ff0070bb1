#pragma once
// The prompts the server offers (prompts/list, prompts/get) and completion of
// their arguments. Filled at start-up, read-only after.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mcp_server {

struct PromptArgument {
  std::string name;
  std::string description;
  bool required = false;
};

using PromptArguments = std::map<std::string, std::string>;

class Prompt {
 public:
  virtual ~Prompt() = default;
  virtual std::string Name() const = 0;
  virtual std::string Title() const { return {}; }
  virtual std::string Description() const = 0;
  virtual std::vector<PromptArgument> Arguments() const { return {}; }
  // The prompts/get result ({"messages":[...]}). REQUIRES: every required
  // argument is present (PromptCatalog::Get checks).
  virtual nlohmann::json Get(const PromptArguments& arguments) const = 0;
  // Values of `argument` that start with `prefix`.
  virtual std::vector<std::string> Complete(const std::string& argument,
                                            const std::string& prefix) const;
};

class PromptCatalog {
 public:
  void Add(std::unique_ptr<Prompt> prompt);
  // nullptr when no prompt has that name.
  const Prompt* Find(std::string_view name) const;

  nlohmann::json ListJson() const;  // {"prompts":[{name,title?,description,arguments}]}

  // The prompts/get result, or why the request is invalid (unknown prompt,
  // missing required argument, non-string argument).
  std::variant<nlohmann::json, std::string> Get(const std::string& name,
                                                const nlohmann::json& arguments) const;

 private:
  std::vector<std::unique_ptr<Prompt>> prompts_;
};

// {"role": role, "content": {"type":"text","text": text}}
nlohmann::json TextPromptMessage(const std::string& text, const std::string& role = "user");

// The values among `candidates` that start with `prefix`.
std::vector<std::string> WithPrefix(const std::vector<std::string>& candidates,
                                    const std::string& prefix);

}  // namespace mcp_server
