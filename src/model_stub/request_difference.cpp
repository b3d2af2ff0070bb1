#include "request_difference.h"

#include <algorithm>

namespace model_stub {
namespace {

constexpr std::size_t kExcerptBefore = 40;
constexpr std::size_t kExcerptChars = 160;

// `text` from a little before `from` on, at most kExcerptChars long, marked
// with "…" where cut.
std::string Excerpt(const std::string& text, std::size_t from) {
  std::size_t begin = from > kExcerptBefore ? from - kExcerptBefore : 0;
  // Whole UTF-8 characters only: step back over continuation bytes.
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0U) == 0x80U) --begin;
  const std::string middle = PrefixChars(std::string_view(text).substr(begin), kExcerptChars);
  return (begin > 0 ? "…" : "") + middle + (begin + middle.size() < text.size() ? "…" : "");
}

std::size_t FirstDifferentChar(const std::string& a, const std::string& b) {
  const auto [left, right] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return static_cast<std::size_t>(left - a.begin());
}

Json ValueAt(const Json& document, const std::string& pointer) {
  const Json::json_pointer where(pointer);
  return document.contains(where) ? document.at(where) : Json();
}

// Shortens two long differing strings to the region where they differ;
// anything else long to its first characters.
void Shorten(Json& recorded, Json& received) {
  if (recorded.is_string() && received.is_string()) {
    const auto& a = recorded.get_ref<const std::string&>();
    const auto& b = received.get_ref<const std::string&>();
    if (a.size() <= kExcerptChars && b.size() <= kExcerptChars) return;
    const std::size_t at = FirstDifferentChar(a, b);
    recorded = Excerpt(a, at);
    received = Excerpt(b, at);
    return;
  }
  for (Json* value : {&recorded, &received}) {
    if (value->is_structured() && Dump(*value).size() > kExcerptChars) {
      *value = PrefixChars(Dump(*value), kExcerptChars) + "…";
    }
  }
}

}  // namespace

RequestDifference Compare(const Json& recorded, const Json& received) {
  const Json patch = Json::diff(recorded, received);
  RequestDifference difference;
  difference.distance = patch.size();
  if (patch.empty()) return difference;
  difference.shared_prefix = FirstDifferentChar(Dump(recorded), Dump(received));
  difference.pointer = StringField(patch[0], "path");
  difference.recorded = ValueAt(recorded, difference.pointer);
  difference.received = ValueAt(received, difference.pointer);
  Shorten(difference.recorded, difference.received);
  return difference;
}

bool Nearer(const RequestDifference& a, const RequestDifference& b) {
  if (a.distance != b.distance) return a.distance < b.distance;
  return a.shared_prefix > b.shared_prefix;
}

Json DifferenceJson(const RequestDifference& difference) {
  return {{"distance", difference.distance},
          {"pointer", difference.pointer},
          {"recorded", difference.recorded},
          {"received", difference.received}};
}

}  // namespace model_stub
