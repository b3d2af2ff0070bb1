#include "uri_template.h"

namespace mcp_server {
namespace {

// The template split into literal text and variable names, alternating and
// starting with a literal (possibly empty). nullopt when a brace is unclosed.
std::optional<std::vector<std::string>> Split(const std::string& uri_template) {
  std::vector<std::string> parts{""};
  std::size_t i = 0;
  while (i < uri_template.size()) {
    if (uri_template[i] != '{') {
      parts.back() += uri_template[i++];
      continue;
    }
    const auto close = uri_template.find('}', i);
    if (close == std::string::npos) return std::nullopt;
    parts.push_back(uri_template.substr(i + 1, close - i - 1));
    parts.emplace_back();
    i = close + 1;
  }
  return parts;
}

}  // namespace

std::optional<std::map<std::string, std::string>> MatchUriTemplate(const std::string& uri_template,
                                                                   const std::string& uri) {
  const auto parts = Split(uri_template);
  if (!parts) return std::nullopt;
  std::map<std::string, std::string> values;
  std::size_t at = 0;
  for (std::size_t p = 0; p < parts->size(); p += 2) {
    const std::string& literal = (*parts)[p];
    if (uri.compare(at, literal.size(), literal) != 0) return std::nullopt;
    at += literal.size();
    if (p + 1 >= parts->size()) break;
    // The variable runs to the next '/' or to where the next literal starts.
    const std::string& next_literal = (*parts)[p + 2];
    std::size_t end = uri.find('/', at);
    if (end == std::string::npos) end = uri.size();
    if (!next_literal.empty() && next_literal.front() != '/') {
      end = uri.find(next_literal, at);
      if (end == std::string::npos) return std::nullopt;
    }
    if (end == at) return std::nullopt;
    values[(*parts)[p + 1]] = uri.substr(at, end - at);
    at = end;
  }
  if (at != uri.size()) return std::nullopt;
  return values;
}

std::vector<std::string> UriTemplateVariables(const std::string& uri_template) {
  std::vector<std::string> names;
  const auto parts = Split(uri_template);
  if (!parts) return names;
  for (std::size_t p = 1; p < parts->size(); p += 2) names.push_back((*parts)[p]);
  return names;
}

}  // namespace mcp_server
