#include "normalise.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace model_stub {
namespace {

constexpr std::array<std::string_view, 4> kDroppedMembers = {"metadata", "user", "prompt_cache_key",
                                                             "safety_identifier"};
constexpr std::array<std::string_view, 4> kIdMembers = {"id", "tool_use_id", "call_id",
                                                        "previous_response_id"};
// Claude Code's environment block (its system prompt in 1.x, a system
// message in 2.x): lines that differ between machines, directories and days.
constexpr std::array<std::string_view, 6> kEnvLinePrefixes = {"Primary working directory:",
                                                              "Working directory:",
                                                              "Additional working directories:",
                                                              "OS Version:",
                                                              "Today's date is",
                                                              "Today's date:"};

template <std::size_t N>
bool OneOf(std::string_view name, const std::array<std::string_view, N>& names) {
  for (const auto candidate : names) {
    if (name == candidate) return true;
  }
  return false;
}

bool IsDecimalDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Whether `text` at `at` has `pattern`: 'd' a digit, 'h' a hex digit, any
// other character itself.
bool HasShape(std::string_view text, std::size_t at, std::string_view pattern) {
  if (text.size() - at < pattern.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = text[at + i];
    const char want = pattern[i];
    if (want == 'd' ? !IsDecimalDigit(c) : want == 'h' ? !IsHexDigit(c) : c != want) return false;
  }
  return true;
}

constexpr std::string_view kUuid = "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh";
constexpr std::string_view kDate = "dddd-dd-dd";

// Length of the time part after a date ("T12:00", ":00", ".123", "Z" or an
// offset), or 0 when the date stands alone.
std::size_t TimeLength(std::string_view text, std::size_t at) {
  if (!HasShape(text, at, "Tdd:dd") && !HasShape(text, at, " dd:dd")) return 0;
  std::size_t end = at + 6;
  if (HasShape(text, end, ":dd")) end += 3;
  if (end < text.size() && text[end] == '.') {
    ++end;
    while (end < text.size() && IsDecimalDigit(text[end])) ++end;
  }
  if (end < text.size() && text[end] == 'Z') {
    ++end;
  } else if (HasShape(text, end, "+dd:dd") || HasShape(text, end, "-dd:dd")) {
    end += 6;
  }
  return end - at;
}

// Judged on what was written so far, not on the input: a date right after a
// replaced one must be replaced in the first pass too, or normalising twice
// would differ from normalising once.
bool StartsWord(const std::string& written) {
  return written.empty() || !std::isalnum(static_cast<unsigned char>(written.back()));
}

// Replaces UUIDs, timestamps and dates, scanning once.
std::string ReplaceVolatileTokens(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    if (StartsWord(out) && HasShape(text, at, kUuid)) {
      out += "<uuid>";
      at += kUuid.size();
    } else if (StartsWord(out) && HasShape(text, at, kDate)) {
      const std::size_t time = TimeLength(text, at + kDate.size());
      out += time > 0 ? "<timestamp>" : "<date>";
      at += kDate.size() + time;
    } else {
      out += text[at++];
    }
  }
  return out;
}

// Replaces what follows an <env> prefix up to the end of its line.
std::string ReplaceEnvLines(std::string text) {
  for (const auto prefix : kEnvLinePrefixes) {
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
      const auto value = at + prefix.size();
      const auto end = std::min(text.find('\n', value), text.size());
      text.replace(value, end - value, " <env>");
    }
  }
  return text;
}

}  // namespace

std::string NormaliseText(std::string_view text) {
  return ReplaceVolatileTokens(ReplaceEnvLines(std::string(text)));
}

std::string NormalisePath(std::string_view path) {
  constexpr std::string_view kProjects = "/v1/projects/";
  if (!path.starts_with(kProjects)) return std::string(path);
  const auto project_end = path.find('/', kProjects.size());
  if (project_end == std::string_view::npos) return std::string(path);
  std::string out = std::string(kProjects) + "<project>";
  std::string_view rest = path.substr(project_end);
  constexpr std::string_view kLocations = "/locations/";
  if (rest.starts_with(kLocations)) {
    const auto location_end = rest.find('/', kLocations.size());
    out += std::string(kLocations) + "<location>";
    rest = location_end == std::string_view::npos ? "" : rest.substr(location_end);
  }
  return out + std::string(rest);
}

Json NormaliseBody(Json body) {
  if (body.is_string()) return NormaliseText(body.get<std::string>());
  if (body.is_array()) {
    for (auto& element : body) element = NormaliseBody(std::move(element));
    return body;
  }
  if (!body.is_object()) return body;
  Json out = Json::object();
  for (auto& [key, member] : body.items()) {
    if (OneOf(key, kDroppedMembers)) continue;
    out[key] = OneOf(key, kIdMembers) && member.is_string() ? Json("<id>")
                                                            : NormaliseBody(std::move(member));
  }
  return out;
}

Json NormalisedRequest(const Json& request) {
  return {{"provider", StringField(request, "provider")},
          {"path", NormalisePath(StringField(request, "path"))},
          {"model", StringField(request, "model")},
          {"body", NormaliseBody(Field(request, "body"))}};
}

}  // namespace model_stub
