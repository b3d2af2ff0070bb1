#include "directives.h"

#include <cstddef>

#include "ascii.h"

namespace model_stub {
namespace {

bool IsSpace(char c) { return AsciiIsSpace(c); }

std::size_t SkipSpaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  return pos;
}

// The whitespace-delimited word at `pos` (pos must not be a space).
std::string_view WordAt(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && !IsSpace(text[end])) ++end;
  return text.substr(pos, end - pos);
}

// Position just past the JSON object that starts with '{' at `open`, or
// nullopt when its braces never balance.
std::optional<std::size_t> ObjectEnd(std::string_view text, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::nullopt;
}

// Tool names are sometimes quoted in prose: call `echo` with {...}.
std::string_view StripQuotes(std::string_view name) {
  while (!name.empty() && (name.front() == '`' || name.front() == '"' || name.front() == '\'')) {
    name.remove_prefix(1);
  }
  while (!name.empty() && (name.back() == '`' || name.back() == '"' || name.back() == '\'')) {
    name.remove_suffix(1);
  }
  return name;
}

struct Parsed {
  Directive directive;
  std::size_t end;
};

// The directive whose "call" keyword starts at `pos`, if it is one.
std::optional<Parsed> ParseDirectiveAt(std::string_view text, std::size_t pos) {
  std::size_t cursor = pos + 4;  // past "call"
  if (cursor >= text.size() || !IsSpace(text[cursor])) return std::nullopt;
  cursor = SkipSpaces(text, cursor);
  if (cursor >= text.size()) return std::nullopt;
  std::string_view name = WordAt(text, cursor);
  cursor += name.size();
  std::size_t after_name = SkipSpaces(text, cursor);
  if (EqualsIgnoreCase(name, "function") && !EqualsIgnoreCase(WordAt(text, after_name), "with")) {
    name = WordAt(text, after_name);
    after_name = SkipSpaces(text, after_name + name.size());
  }
  name = StripQuotes(name);
  if (name.empty() || !StartsWithIgnoreCase(text.substr(after_name), "with")) {
    return std::nullopt;
  }
  const std::size_t open = SkipSpaces(text, after_name + 4);
  if (open >= text.size() || text[open] != '{') return std::nullopt;
  const auto end = ObjectEnd(text, open);
  if (!end) return std::nullopt;
  Json arguments = ParseOrDiscarded(text.substr(open, *end - open));
  if (!arguments.is_object()) return std::nullopt;
  return Parsed{Directive{std::string(name), std::move(arguments)}, *end};
}

}  // namespace

std::vector<Directive> ParseDirectives(std::string_view text) {
  std::vector<Directive> directives;
  std::size_t pos = 0;
  while (pos + 4 <= text.size()) {
    const bool keyword = StartsWithIgnoreCase(text.substr(pos), "call") &&
                         (pos == 0 || !AsciiIsWordChar(text[pos - 1]));
    if (keyword) {
      if (auto parsed = ParseDirectiveAt(text, pos)) {
        directives.push_back(std::move(parsed->directive));
        pos = parsed->end;
        continue;
      }
    }
    ++pos;
  }
  return directives;
}

std::optional<std::string> MatchTool(std::string_view wanted,
                                     const std::vector<std::string>& available) {
  for (const auto& name : available) {
    if (name == wanted) return name;
  }
  const std::string suffix = "__" + std::string(wanted);
  for (const auto& name : available) {
    if (name.ends_with(suffix)) return name;
  }
  return std::nullopt;
}

}  // namespace model_stub
