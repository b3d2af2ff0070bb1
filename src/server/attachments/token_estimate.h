#pragma once
// How the server counts tokens without a tokenizer: ~4 characters (bytes of
// UTF-8) per token, rounded up. That is OpenAI's rule of thumb for English
// and the model stub's own count (characters / 4); counting bytes rather than
// code points overestimates non-ASCII text, which errs on the safe side of a
// budget.

#include <cstddef>
#include <string_view>

namespace mcp_server {

inline constexpr std::size_t kCharsPerToken = 4;

constexpr std::size_t TokensOfChars(std::size_t chars) {
  return (chars + kCharsPerToken - 1) / kCharsPerToken;
}

constexpr std::size_t CharsOfTokens(std::size_t tokens) { return tokens * kCharsPerToken; }

// The length of `text` once written as a JSON string value (quotes excluded):
// what it really adds to a provider request body. Control characters, quotes
// and backslashes are escaped.
constexpr std::size_t JsonEscapedLength(std::string_view text) {
  std::size_t length = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      length += 2;
    } else if (byte < 0x20) {
      length += 6;  // \u00XX
    } else {
      length += 1;
    }
  }
  return length;
}

}  // namespace mcp_server
