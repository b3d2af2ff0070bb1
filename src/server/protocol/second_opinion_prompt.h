#pragma once
// The `second_opinion` prompt: asks the assistant to consult another model
// through one of this server's chat tools about a question, optionally with
// files as context and in a named conversation session.
//   arguments: question (required), model (a chat tool name; completes from
//   the tools offered), session_id, context (comma-separated paths).

#include <string>
#include <vector>

#include "prompt_catalog.h"

namespace mcp_server {

class SecondOpinionPrompt : public Prompt {
 public:
  // `chat_tools`: the chat tool names the `model` argument may name, the
  // first one being the default.
  explicit SecondOpinionPrompt(std::vector<std::string> chat_tools);

  std::string Name() const override { return "second_opinion"; }
  std::string Title() const override { return "Second opinion"; }
  std::string Description() const override;
  std::vector<PromptArgument> Arguments() const override;
  nlohmann::json Get(const PromptArguments& arguments) const override;
  std::vector<std::string> Complete(const std::string& argument,
                                    const std::string& prefix) const override;

 private:
  std::vector<std::string> chat_tools_;
};

}  // namespace mcp_server
