#include "chat_tool.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ctime>

#include "../providers/history_format.h"
#include "chat_prompt.h"
#include "structured_answer.h"

namespace mcp_server {
namespace {

std::int64_t NowUnix() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Progress of a chat call: files read, model asked, answer received.
constexpr double kProgressSteps = 2;

}  // namespace

ChatTool::ChatTool(ChatToolSpec spec, std::shared_ptr<const ChatProvider> provider,
                   ChatEnvironment env)
    : spec_(std::move(spec)), provider_(std::move(provider)), env_(env) {}

ToolResult ChatTool::Fail(const std::string& why) const {
  return ToolResult::Fail(spec_.info.tool + ": " + why);
}

ToolResult ChatTool::Call(const nlohmann::json& arguments) {
  RequestContext detached;
  return CallInContext(arguments, detached);
}

ToolResult ChatTool::CallInContext(const nlohmann::json& arguments, RequestContext& context) {
  ChatArguments parsed;
  if (auto problem = ParseChatArguments(spec_, arguments, parsed)) return Fail(*problem);
  if (auto missing = provider_->MissingConfiguration()) {
    return Fail(fmt::format("the {} provider is not configured: {}", provider_->Name(), *missing));
  }
  context.Progress(0, kProgressSteps, "reading context files");
  WorkspaceRead read = env_.files.Read(parsed.context);
  if (read.refusal) return Fail("parameter 'context': " + *read.refusal);
  WorkspaceRead attached = env_.files.Read(parsed.attachments);
  if (attached.refusal) return Fail("parameter 'attachments': " + *attached.refusal);
  if (!parsed.attachments.empty() && !env_.assembler) {
    return Fail("parameter 'attachments': this server has no vector store for attachments");
  }

  // Held until the answer is stored, so the next call on this session sees it.
  const auto session = env_.locks.Lock(parsed.session_id);
  return Converse(parsed, std::move(read.files), std::move(attached.files), context);
}

ToolResult ChatTool::Converse(const ChatArguments& arguments, std::vector<WorkspaceFile> files,
                              std::vector<WorkspaceFile> attachments, RequestContext& context) {
  std::string error;
  const auto history = LiveHistory(arguments.session_id, error);
  if (!history) return Fail("cannot read the session history: " + error);

  context.Progress(1, kProgressSteps, "asking " + spec_.info.model);
  context.Log(LogLevel::kInfo,
              fmt::format("{}: asking {} ({} earlier turns, {} context files, {} attachments)",
                          spec_.info.tool, spec_.info.model, history->size(), files.size(),
                          attachments.size()));
  ChatRequest request = BuildRequest(arguments, *history);
  std::optional<nlohmann::json> report;
  if (auto problem =
          AddUserMessage(arguments, std::move(files), std::move(attachments), request, report)) {
    return Fail(*problem);
  }
  request.should_abort = context.AbortHook();
  ProviderReply reply = provider_->Send(request);
  if (context.Cancelled()) return Fail("the request was cancelled by the client");
  if (!reply.ok) return Fail(reply.error);
  context.Progress(2, kProgressSteps, spec_.info.model + " answered");

  std::string answer = std::move(reply.text);
  if (arguments.output_schema) {
    std::string normalized;
    if (auto problem = CheckStructuredAnswer(*arguments.output_schema, answer, normalized)) {
      return Fail(*problem);
    }
    answer = std::move(normalized);
  }
  Record(arguments, answer);
  ToolResult result = ToolResult::Ok(std::move(answer));
  if (report) {
    result.more_texts.push_back(
        report->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return result;
}

std::optional<std::vector<Turn>> ChatTool::LiveHistory(const std::string& session_id,
                                                       std::string& error) const {
  auto history = env_.store.History(session_id, &error);
  if (!history || history->empty()) return history;
  const auto age = NowUnix() - history->back().created_at_unix;
  if (age <= env_.session_ttl.count()) return history;
  spdlog::info("{}: session {} expired ({} s since its last turn); starting afresh",
               spec_.info.tool, session_id, age);
  if (env_.assembler) {
    if (auto problem = env_.assembler->Forget(session_id)) {
      spdlog::error("{}: could not drop the vector store of expired session {}: {}",
                    spec_.info.tool, session_id, *problem);
    }
  }
  if (auto problem = env_.store.Forget(session_id)) {
    // Ignoring the old turns is still correct; they are only not reclaimed.
    spdlog::error("{}: could not delete expired session {}: {}", spec_.info.tool, session_id,
                  *problem);
  }
  return std::vector<Turn>{};
}

ChatRequest ChatTool::BuildRequest(const ChatArguments& arguments,
                                   const std::vector<Turn>& history) const {
  ChatRequest request;
  request.model = spec_.info.model;
  request.system_text = ChatSystemText(arguments);
  request.messages = MessagesFromTurns(history);
  request.temperature = arguments.temperature;
  request.reasoning_effort = arguments.reasoning_effort;
  request.output_schema = arguments.output_schema;
  return request;
}

std::optional<std::string> ChatTool::AddUserMessage(const ChatArguments& arguments,
                                                    std::vector<WorkspaceFile> context,
                                                    std::vector<WorkspaceFile> attachments,
                                                    ChatRequest& request,
                                                    std::optional<nlohmann::json>& report) const {
  if (!env_.assembler) {
    request.messages.push_back({"user", ChatUserText(arguments.instructions, context)});
    return std::nullopt;
  }
  AssembledPrompt prompt = env_.assembler->Assemble(
      {arguments.session_id, arguments.instructions, !arguments.context.empty(), std::move(context),
       !arguments.attachments.empty(), std::move(attachments)},
      request);
  if (prompt.error) return prompt.error;
  request.messages.push_back({"user", std::move(prompt.user_text)});
  report = std::move(prompt.report);
  return std::nullopt;
}

void ChatTool::Record(const ChatArguments& arguments, const std::string& answer) {
  const auto now = NowUnix();
  const auto& info = spec_.info;
  if (auto error = env_.store.Append(
          arguments.session_id, {{"user", arguments.instructions, info.provider, info.model, now},
                                 {"assistant", answer, info.provider, info.model, now}})) {
    // The answer is still worth returning; only the continuation is lost.
    spdlog::error("{}: could not store the turn of session {}: {}", info.tool, arguments.session_id,
                  *error);
  }
  if (env_.listener) {
    env_.listener->OnTurn({arguments.session_id, info.tool, info.provider, info.model,
                           arguments.instructions, answer, now});
  }
}

}  // namespace mcp_server
