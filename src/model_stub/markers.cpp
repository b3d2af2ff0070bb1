#include "markers.h"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "ascii.h"

namespace model_stub {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperOrDigit(char c) { return IsUpper(c) || IsDigit(c); }

std::size_t SkipUpperOrDigit(std::string_view text, std::size_t pos) {
  while (pos < text.size() && IsUpperOrDigit(text[pos])) ++pos;
  return pos;
}

bool WordBoundaryAfter(std::string_view text, std::size_t end) {
  return end == text.size() || !AsciiIsWordChar(text[end]);
}

// End of the marker starting at `start` (which follows a word boundary), if
// one does. A segment that runs into a lower-case letter or '_' has no word
// boundary after it, so the regex would backtrack to the previous segment end.
std::optional<std::size_t> MarkerEndAt(std::string_view text, std::size_t start) {
  if (!IsUpper(text[start])) return std::nullopt;
  std::size_t pos = SkipUpperOrDigit(text, start + 1);
  if (pos - start < 2) return std::nullopt;
  std::optional<std::size_t> last_valid_end;
  while (pos + 1 < text.size() && text[pos] == '-' && IsUpperOrDigit(text[pos + 1])) {
    const std::size_t segment_end = SkipUpperOrDigit(text, pos + 1);
    if (!WordBoundaryAfter(text, segment_end)) break;
    last_valid_end = segment_end;
    pos = segment_end;
  }
  return last_valid_end;
}

}  // namespace

std::vector<std::string> FindMarkers(std::string_view text) {
  std::vector<std::string> found;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const bool boundary_before = pos == 0 || !AsciiIsWordChar(text[pos - 1]);
    if (boundary_before) {
      if (auto end = MarkerEndAt(text, pos)) {
        found.emplace_back(text.substr(pos, *end - pos));
        pos = *end;
        continue;
      }
    }
    ++pos;
  }
  return found;
}

std::vector<std::string> CollectMarkers(const Json& request) {
  std::vector<std::string> distinct;
  auto add_from = [&](const std::string& text) {
    for (auto& marker : FindMarkers(text)) {
      if (std::find(distinct.begin(), distinct.end(), marker) == distinct.end()) {
        distinct.push_back(std::move(marker));
      }
    }
  };
  if (request.is_object()) {
    for (const auto& [key, value] : request.items()) {
      if (key != "model") ForEachString(value, add_from);
    }
  } else {
    ForEachString(request, add_from);
  }
  return distinct;
}

std::string JoinMarkers(const std::vector<std::string>& markers) {
  if (markers.empty()) return "none";
  std::string joined;
  for (const auto& marker : markers) {
    if (!joined.empty()) joined += ", ";
    joined += marker;
  }
  return joined;
}

}  // namespace model_stub
