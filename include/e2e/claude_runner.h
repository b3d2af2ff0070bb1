#pragma once
// Runs the real Claude Code CLI inside a stack's claude-runner container
// (`claude -p --output-format stream-json --verbose`, the MCP server's tools
// only) and parses what it did:
// the tool calls with their results, the MCP servers' status and the final
// result. Tests assert on these, not on model prose.

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace e2e {

class Stack;

struct ToolCall {
  std::string id;
  std::string name;  // as Claude Code names it, e.g. mcp__e2e__list_models
  nlohmann::json input;
  bool has_result = false;
  std::string result;                      // the tool_result's text (its text blocks joined)
  std::vector<std::string> result_blocks;  // each text block of the tool_result, in order
  bool is_error = false;
};

struct ClaudeResult {
  int exit_code = -1;
  bool is_error = true;  // the final `result` event's is_error (true when missing)
  std::string result;    // the final `result` event's text
  int num_turns = 0;
  std::string session_id;
  std::vector<ToolCall> tool_calls;                // in the order they were made
  std::map<std::string, std::string> mcp_servers;  // name -> status at start-up
  std::string transcript;                          // the raw stream-json output
  std::string stderr_text;
  std::chrono::milliseconds duration{0};

  // The calls of `tool`: exact name or an MCP tool name ending in "__<tool>".
  std::vector<ToolCall> CallsOf(std::string_view tool) const;
};

// Parses Claude Code's stream-json output (one JSON event per line; lines
// that are not JSON are skipped). Fills everything but exit_code,
// stderr_text and duration.
ClaudeResult ParseStreamJson(std::string_view transcript);

struct ClaudeRunnerOptions {
  std::string service = "claude-runner";
  std::string server_name = "e2e";  // MCP tools appear as mcp__<server_name>__<tool>
  std::string mcp_url = "http://mcp-server:8000/mcp";
  // The working directory of every run (Claude Code's home in the image).
  std::string config_dir = "/home/runner";
  std::chrono::milliseconds timeout{std::chrono::minutes(3)};
};

class ClaudeRunner {
 public:
  ClaudeRunner(Stack& stack, ClaudeRunnerOptions options = {});

  // Runs one prompt to completion, with the MCP server's tools only (no
  // built-in tool: no shell, no file editing). Its output, transcripts()
  // and the prompt as kept there are redacted (Stack::redactor()). Throws
  // docker::Timeout when it overruns. `environment` ("KEY=value") is added
  // to Claude Code's for this run only, e.g. MCP_TOOL_TIMEOUT=<ms> (its own
  // default is ~28 hours).
  ClaudeResult Run(const std::string& prompt, const std::vector<std::string>& environment = {});

  // Every transcript so far (prompt, exit code, stdout, stderr), for artifacts.
  const std::vector<std::string>& transcripts() const { return transcripts_; }

 private:
  Stack& stack_;
  ClaudeRunnerOptions options_;
  std::vector<std::string> transcripts_;
};

}  // namespace e2e
