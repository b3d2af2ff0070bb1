#include "context_assembler.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "../tools/chat_prompt.h"
#include "token_estimate.h"

namespace mcp_server {
namespace {

using nlohmann::json;

constexpr std::size_t kRequestOverheadChars = 512;  // model, keys, generation settings
constexpr std::size_t kMessageOverheadChars = 64;   // role and the keys around one message
constexpr std::size_t kFileLabelChars = 48;         // "=== FILE: ===" and "=== END FILE: ==="
constexpr std::size_t kPassageLabelChars = 96;      // labels of a passage, lines and score
constexpr std::size_t kSectionHeaderChars = 128;    // "Context files:", a passages heading
constexpr std::size_t kTextsPerFetch = 32;

constexpr const char* kContextHeading =
    "Passages of context files too large to inline (the parts most relevant to the "
    "instructions):\n\n";
constexpr const char* kAttachmentHeading =
    "Passages of the session's attachments most relevant to the instructions:\n\n";

std::size_t InlineCost(const WorkspaceFile& file) {
  return JsonEscapedLength(file.text) + 2 * JsonEscapedLength(file.path) + kFileLabelChars;
}

std::size_t PassageCost(const ScoredChunk& chunk) {
  return JsonEscapedLength(chunk.text) + JsonEscapedLength(chunk.file) + kPassageLabelChars;
}

double Rounded(double score) { return std::round(score * 10000) / 10000; }

json PassagesJson(const std::vector<ScoredChunk>& passages) {
  auto items = json::array();
  for (const auto& passage : passages) {
    items.push_back({{"file", passage.file},
                     {"line_start", passage.line_start},
                     {"line_end", passage.line_end},
                     {"score", Rounded(passage.score)}});
  }
  return items;
}

json Paths(const std::vector<const WorkspaceFile*>& files) {
  auto paths = json::array();
  for (const auto* file : files) paths.push_back(file->path);
  return paths;
}

std::string PassageBlock(const char* label, const ScoredChunk& passage) {
  return fmt::format("=== {}: {} lines {}-{} (score {:.2f}) ===\n{}\n=== END {} ===\n\n", label,
                     passage.file, passage.line_start, passage.line_end, passage.score,
                     passage.text, label);
}

}  // namespace

std::size_t EstimatedRequestChars(const ChatRequest& request) {
  std::size_t chars = kRequestOverheadChars + JsonEscapedLength(request.system_text);
  for (const auto& message : request.messages) {
    chars += JsonEscapedLength(message.content) + kMessageOverheadChars;
  }
  if (request.output_schema) chars += request.output_schema->dump().size();
  return chars;
}

struct ContextAssembler::Plan {
  std::size_t allowance = 0;  // characters files and passages may add
  std::size_t used = 0;
  std::size_t Spare() const { return allowance > used ? allowance - used : 0; }

  std::vector<const WorkspaceFile*> inlined;
  std::vector<const WorkspaceFile*> retrieved;
  std::optional<std::vector<float>> query;
  IndexOutcome attachments;
  bool use_attachments = false;
  std::vector<ScoredChunk> attachment_passages;
  std::vector<ScoredChunk> context_passages;
};

ContextAssembler::ContextAssembler(AttachmentIndex& index, AssemblyOptions options)
    : index_(index), options_(options) {}

AssembledPrompt ContextAssembler::Assemble(const AssemblyInput& input, const ChatRequest& request,
                                           const std::function<bool()>& caller_abort) {
  const auto deadline = std::chrono::steady_clock::now() + options_.time_limit;
  const auto out_of_time = [deadline] { return std::chrono::steady_clock::now() >= deadline; };
  const std::function<bool()> should_abort = [&] {
    return out_of_time() || (caller_abort && caller_abort());
  };
  AssembledPrompt result = AssembleWithin(input, request, should_abort);
  if (result.error && out_of_time()) {
    *result.error += fmt::format(" (gave up: indexing and retrieval of one call may take {} ms)",
                                 options_.time_limit.count());
  }
  return result;
}

AssembledPrompt ContextAssembler::AssembleWithin(const AssemblyInput& input,
                                                 const ChatRequest& request,
                                                 const std::function<bool()>& should_abort) {
  AssembledPrompt result;
  Plan plan;
  if (!input.attachments.empty()) {
    plan.attachments =
        index_.Index(input.session_id, ChunkKind::kAttachment, input.attachments, should_abort);
    if (plan.attachments.error) {
      result.error = "parameter 'attachments': cannot index " + *plan.attachments.error;
      return result;
    }
  }
  plan.use_attachments =
      input.attachments_given || index_.HasChunks(input.session_id, ChunkKind::kAttachment);

  const auto target = static_cast<std::size_t>(
      kRequestShare * static_cast<double>(CharsOfTokens(options_.budget_tokens)));
  const std::size_t fixed = EstimatedRequestChars(request) + JsonEscapedLength(input.instructions) +
                            kMessageOverheadChars + kSectionHeaderChars;
  plan.allowance = target > fixed ? target - fixed : 0;

  if (plan.use_attachments) {
    if (auto problem = EmbedQuery(input, plan, should_abort)) {
      result.error = "parameter 'attachments': " + *problem;
      return result;
    }
    if (auto problem = AddAttachmentPassages(input, plan)) {
      result.error = "parameter 'attachments': " + *problem;
      return result;
    }
  }
  PlanInlining(input.context, plan);
  if (!plan.retrieved.empty()) {
    auto problem = EmbedQuery(input, plan, should_abort);
    if (!problem) problem = AddContextPassages(input, plan, should_abort);
    if (problem) {
      result.error = "parameter 'context': " + *problem;
      return result;
    }
  }
  result.user_text = UserText(input.instructions, plan);
  result.report = Report(
      input, plan,
      EstimatedRequestChars(request) + JsonEscapedLength(result.user_text) + kMessageOverheadChars);
  return result;
}

void ContextAssembler::PlanInlining(const std::vector<WorkspaceFile>& context, Plan& plan) {
  for (const auto& file : context) {
    const std::size_t cost = InlineCost(file);
    if (cost <= plan.Spare()) {
      plan.inlined.push_back(&file);
      plan.used += cost;
    } else {
      plan.retrieved.push_back(&file);
    }
  }
}

std::string ContextAssembler::UserText(const std::string& instructions, const Plan& plan) {
  std::string passages;
  if (!plan.context_passages.empty()) {
    passages += kContextHeading;
    for (const auto& passage : plan.context_passages) {
      passages += PassageBlock("CONTEXT PASSAGE", passage);
    }
  }
  if (!plan.attachment_passages.empty()) {
    passages += kAttachmentHeading;
    for (const auto& passage : plan.attachment_passages) {
      passages += PassageBlock("ATTACHMENT", passage);
    }
  }
  std::vector<WorkspaceFile> inlined;
  for (const auto* file : plan.inlined) inlined.push_back(*file);
  return ChatUserText(passages + instructions, inlined);
}

std::optional<json> ContextAssembler::Report(const AssemblyInput& input, const Plan& plan,
                                             std::size_t request_chars) const {
  json report = json::object();
  if (input.context_given) {
    report["context"] = {{"inlined", Paths(plan.inlined)},
                         {"retrieved", Paths(plan.retrieved)},
                         {"budget_tokens", options_.budget_tokens},
                         {"estimated_tokens", TokensOfChars(request_chars)}};
    if (!plan.retrieved.empty()) {
      report["context"]["passages"] = PassagesJson(plan.context_passages);
    }
  }
  if (plan.use_attachments) {
    report["attachments"] = {{"indexed", plan.attachments.indexed},
                             {"unchanged", plan.attachments.unchanged},
                             {"passages", PassagesJson(plan.attachment_passages)}};
  }
  if (report.empty()) return std::nullopt;
  return report;
}

std::optional<std::string> ContextAssembler::EmbedQuery(const AssemblyInput& input, Plan& plan,
                                                        const std::function<bool()>& should_abort) {
  if (plan.query) return std::nullopt;
  std::string error;
  plan.query = index_.EmbedQuery(input.instructions, error, should_abort);
  if (!plan.query) return "cannot embed the instructions to retrieve passages: " + error;
  return std::nullopt;
}

std::optional<std::string> ContextAssembler::AddAttachmentPassages(const AssemblyInput& input,
                                                                   Plan& plan) {
  // At most half the budget, so context files keep room too.
  const std::size_t limit = plan.allowance / 2;
  std::string error;
  auto found = index_.Search(input.session_id, ChunkKind::kAttachment, *plan.query,
                             options_.attachment_top_k, options_.min_score, error);
  if (!found) return "cannot search the session's attachments: " + error;
  for (auto& passage : *found) {
    const std::size_t cost = PassageCost(passage);
    if (plan.used + cost > limit) continue;
    plan.used += cost;
    plan.attachment_passages.push_back(std::move(passage));
  }
  return std::nullopt;
}

std::optional<std::string> ContextAssembler::AddContextPassages(
    const AssemblyInput& input, Plan& plan, const std::function<bool()>& should_abort) {
  std::vector<WorkspaceFile> files;
  std::vector<std::string> paths;
  for (const auto* file : plan.retrieved) {
    files.push_back(*file);
    paths.push_back(file->path);
  }
  const auto indexed = index_.Index(input.session_id, ChunkKind::kContext, files, should_abort);
  if (indexed.error) return "cannot index " + *indexed.error;

  std::string error;
  auto ranked = index_.Rank(input.session_id, ChunkKind::kContext, *plan.query,
                            -std::numeric_limits<double>::infinity(), &paths, error);
  if (!ranked) return "cannot search the indexed context: " + error;
  // Best first until the budget is spent; a passage too big for what is left
  // is skipped for a smaller, less similar one.
  for (std::size_t begin = 0; begin < ranked->size() && plan.Spare() > kPassageLabelChars;
       begin += kTextsPerFetch) {
    if (auto problem = index_.FetchTexts(*ranked, begin, begin + kTextsPerFetch)) return problem;
    for (std::size_t i = begin; i < std::min(ranked->size(), begin + kTextsPerFetch); ++i) {
      const std::size_t cost = PassageCost((*ranked)[i]);
      if (cost > plan.Spare()) continue;
      plan.used += cost;
      plan.context_passages.push_back(std::move((*ranked)[i]));
    }
  }
  // Read in the order of the files and their lines, not of the scores.
  const auto order = [&](const ScoredChunk& chunk) {
    return std::ranges::find(paths, chunk.file) - paths.begin();
  };
  std::ranges::sort(plan.context_passages, [&](const ScoredChunk& a, const ScoredChunk& b) {
    if (a.file != b.file) return order(a) < order(b);
    return a.line_start < b.line_start;
  });
  return std::nullopt;
}

}  // namespace mcp_server
