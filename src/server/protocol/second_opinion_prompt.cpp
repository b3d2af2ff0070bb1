#include "second_opinion_prompt.h"

#include <fmt/format.h>

namespace mcp_server {
namespace {

std::string ValueOr(const PromptArguments& arguments, const std::string& name,
                    const std::string& fallback) {
  auto it = arguments.find(name);
  return it == arguments.end() || it->second.empty() ? fallback : it->second;
}

}  // namespace

SecondOpinionPrompt::SecondOpinionPrompt(std::vector<std::string> chat_tools)
    : chat_tools_(std::move(chat_tools)) {}

std::string SecondOpinionPrompt::Description() const {
  return "Ask another model for a second opinion on a question, through one of this server's "
         "chat tools.";
}

std::vector<PromptArgument> SecondOpinionPrompt::Arguments() const {
  return {{"question", "What to ask the other model", true},
          {"model", "The chat tool to use (e.g. chat_with_o3)", false},
          {"session_id", "Conversation session to continue (default: second-opinion)", false},
          {"context", "Comma-separated file or directory paths to inline", false}};
}

nlohmann::json SecondOpinionPrompt::Get(const PromptArguments& arguments) const {
  const std::string tool =
      ValueOr(arguments, "model", chat_tools_.empty() ? "chat_with_o3" : chat_tools_.front());
  const std::string session = ValueOr(arguments, "session_id", "second-opinion");
  const std::string context = ValueOr(arguments, "context", "");
  std::string text = fmt::format(
      "Get a second opinion from another model. Call the tool `{}` with session_id \"{}\" and "
      "these instructions:\n\n{}\n",
      tool, session, arguments.at("question"));
  if (!context.empty()) {
    text += fmt::format("\nPass these paths as `context`: {}\n", context);
  }
  text += "\nThen compare its answer with your own and say where they differ.";
  return {{"description", "Second opinion from " + tool},
          {"messages", nlohmann::json::array({TextPromptMessage(text)})}};
}

std::vector<std::string> SecondOpinionPrompt::Complete(const std::string& argument,
                                                       const std::string& prefix) const {
  if (argument == "model") return WithPrefix(chat_tools_, prefix);
  return {};
}

}  // namespace mcp_server
