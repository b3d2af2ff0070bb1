#include "structured_answer.h"

#include "../schema_check.h"

namespace mcp_server {
namespace {

// Models asked for JSON sometimes still wrap it in a markdown fence.
std::string WithoutFence(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text.compare(first, 3, "```") != 0) return text;
  const auto body = text.find('\n', first);
  const auto close = text.rfind("```");
  if (body == std::string::npos || close <= body) return text;
  return text.substr(body + 1, close - body - 1);
}

}  // namespace

std::optional<std::string> CheckStructuredAnswer(const nlohmann::json& schema,
                                                 const std::string& answer,
                                                 std::string& normalized) {
  const auto value = nlohmann::json::parse(WithoutFence(answer), nullptr, false);
  if (value.is_discarded()) {
    constexpr std::size_t kShown = 200;
    return "the answer is not valid JSON, as structured_output_schema requires: " +
           answer.substr(0, kShown) + (answer.size() > kShown ? "..." : "");
  }
  if (auto problem = CheckAgainstSchema(schema, value)) {
    return "the answer does not match structured_output_schema: " + *problem;
  }
  normalized = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return std::nullopt;
}

}  // namespace mcp_server
