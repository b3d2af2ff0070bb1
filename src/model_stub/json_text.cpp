#include "json_text.h"

namespace model_stub {

void ForEachString(const Json& value, const std::function<void(const std::string&)>& visit) {
  if (value.is_string()) {
    visit(value.get_ref<const std::string&>());
  } else if (value.is_structured()) {
    for (const auto& child : value) ForEachString(child, visit);
  }
}

std::size_t CountChars(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

std::size_t StringChars(const Json& value) {
  std::size_t chars = 0;
  ForEachString(value, [&](const std::string& text) { chars += CountChars(text); });
  return chars;
}

long TokensOfChars(std::size_t chars) { return static_cast<long>(chars / 4); }

long TokensOfText(std::string_view text) { return TokensOfChars(CountChars(text)); }

std::string PrefixChars(std::string_view text, std::size_t max_chars) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U;
    if (starts_char && seen++ == max_chars) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

std::string StringField(const Json& object, std::string_view key) {
  const Json& member = Field(object, key);
  return member.is_string() ? member.get<std::string>() : std::string();
}

const Json& Field(const Json& object, std::string_view key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json ParseOrDiscarded(std::string_view text) {
  return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace model_stub
