#include "e2e/claude_runner.h"

#include <fmt/format.h>

#include <optional>
#include <sstream>

#include "e2e/stack.h"

namespace e2e {
namespace {

// tool_result content is a string or a list of blocks; the text blocks count.
std::vector<std::string> ResultTexts(const nlohmann::json& content) {
  if (content.is_string()) return {content.get<std::string>()};
  std::vector<std::string> texts;
  if (content.is_array()) {
    for (const auto& block : content) {
      if (block.value("type", "") == "text") texts.push_back(block.value("text", ""));
    }
  }
  return texts;
}

}  // namespace

std::vector<ToolCall> ClaudeResult::CallsOf(std::string_view tool) const {
  std::vector<ToolCall> calls;
  const std::string suffix = "__" + std::string(tool);
  for (const ToolCall& call : tool_calls) {
    if (call.name == tool || call.name.ends_with(suffix)) calls.push_back(call);
  }
  return calls;
}

ClaudeResult ParseStreamJson(std::string_view transcript) {
  ClaudeResult result;
  result.transcript = std::string(transcript);
  std::istringstream lines(result.transcript);
  for (std::string line; std::getline(lines, line);) {
    const auto event = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!event.is_object()) continue;
    const std::string type = event.value("type", "");
    if (type == "system" && event.value("subtype", "") == "init") {
      for (const auto& server : event.value("mcp_servers", nlohmann::json::array())) {
        result.mcp_servers[server.value("name", "")] = server.value("status", "");
      }
    } else if (type == "assistant" || type == "user") {
      const auto& content = event["message"]["content"];
      if (!content.is_array()) continue;
      for (const auto& block : content) {
        const std::string kind = block.value("type", "");
        if (kind == "tool_use") {
          result.tool_calls.push_back({.id = block.value("id", ""),
                                       .name = block.value("name", ""),
                                       .input = block.value("input", nlohmann::json::object())});
        } else if (kind == "tool_result") {
          for (ToolCall& call : result.tool_calls) {
            if (call.id != block.value("tool_use_id", "")) continue;
            call.has_result = true;
            call.result_blocks = ResultTexts(block.value("content", nlohmann::json()));
            call.result.clear();
            for (const std::string& text : call.result_blocks) call.result += text;
            call.is_error = block.value("is_error", false);
          }
        }
      }
    } else if (type == "result") {
      result.is_error = event.value("is_error", true);
      result.result = event.value("result", "");
      result.num_turns = event.value("num_turns", 0);
      result.session_id = event.value("session_id", "");
    }
  }
  return result;
}

ClaudeRunner::ClaudeRunner(Stack& stack, ClaudeRunnerOptions options)
    : stack_(stack), options_(std::move(options)) {}

ClaudeResult ClaudeRunner::Run(const std::string& prompt,
                               const std::vector<std::string>& environment) {
  // Given inline rather than as a file: the runner's root filesystem is
  // read-only, and the archive endpoint cannot write into its tmpfs home.
  const nlohmann::json config = {
      {"mcpServers", {{options_.server_name, {{"type", "http"}, {"url", options_.mcp_url}}}}}};
  const std::vector<std::string> cmd = {
      "claude", "-p", "--output-format", "stream-json", "--verbose",
      // The MCP server's tools and nothing else: no shell, no file editing.
      // --tools "" removes every built-in tool; the MCP tools run unprompted.
      "--tools", "", "--allowedTools", "mcp__" + options_.server_name + "__*",
      "--strict-mcp-config", "--mcp-config", config.dump(),
      "--",  // --mcp-config takes several values: the prompt must follow --
      prompt};
  const auto step = stack_.steps().Time(fmt::format("claude {}", transcripts_.size() + 1));
  docker::ExecResult exec;
  try {
    exec = stack_.Exec(options_.service, {.cmd = cmd,
                                          .env = environment,
                                          .working_dir = options_.config_dir,
                                          .timeout = options_.timeout});
  } catch (const std::exception& e) {
    transcripts_.push_back(fmt::format("prompt: {}\nfailed: {}\n", stack_.redactor().Text(prompt),
                                       stack_.redactor().Text(e.what())));
    throw;
  }
  // Redacted before anything keeps it: a test may print it, artifacts write it.
  const Redactor& redactor = stack_.redactor();
  const std::string out = redactor.Text(exec.output.out);
  transcripts_.push_back(
      fmt::format("prompt: {}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}\n",
                  redactor.Text(prompt), exec.exit_code, out, redactor.Text(exec.output.err)));
  ClaudeResult result = ParseStreamJson(out);
  result.exit_code = exec.exit_code;
  result.stderr_text = redactor.Text(exec.output.err);
  result.duration = exec.duration;
  return result;
}

}  // namespace e2e
