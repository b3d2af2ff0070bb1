#include "embeddings.h"

#include <absl/strings/escaping.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "ascii.h"
#include "ids.h"

namespace model_stub {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && !IsAsciiAlnum(text[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && IsAsciiAlnum(text[pos])) ++pos;
    if (pos > start) words.push_back(AsciiToLower(text.substr(start, pos - start)));
  }
  return words;
}

// The wire format of encoding_format=base64: little-endian float32 values.
std::string Base64Floats(const std::vector<float>& values) {
  std::string bytes;
  bytes.reserve(values.size() * 4);
  for (const float value : values) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    for (int shift = 0; shift < 32; shift += 8)
      bytes.push_back(static_cast<char>((bits >> shift) & 0xFFU));
  }
  return absl::Base64Escape(bytes);
}

// FNV-1a's low bits mix poorly; folding the high half in spreads small
// bucket counts.
std::size_t Bucket(const std::string& feature, std::size_t dimensions) {
  const std::uint64_t hash = Fnv1a64(feature);
  return static_cast<std::size_t>((hash ^ (hash >> 32U)) % dimensions);
}

}  // namespace

std::vector<float> HashEmbedding(std::string_view text, std::size_t dimensions) {
  std::vector<float> vector(dimensions, 0.0F);
  if (dimensions == 0) return vector;
  const auto words = Words(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    vector[Bucket(words[i], dimensions)] += 1.0F;
    if (i + 1 < words.size()) vector[Bucket(words[i] + " " + words[i + 1], dimensions)] += 1.0F;
  }
  double norm = 0.0;
  for (const float value : vector) norm += static_cast<double>(value) * value;
  if (norm > 0.0) {
    const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
    for (float& value : vector) value *= scale;
  }
  return vector;
}

Json RespondToEmbeddings(const Json& request) {
  const Json& input = Field(request, "input");
  std::vector<std::string> texts;
  if (input.is_string()) {
    texts.push_back(input.get<std::string>());
  } else if (input.is_array() && !input.empty()) {
    for (const auto& text : input) {
      if (!text.is_string()) return nullptr;
      texts.push_back(text.get<std::string>());
    }
  } else {
    return nullptr;
  }
  const Json& requested = Field(request, "dimensions");
  const std::size_t dimensions = requested.is_number_unsigned() &&
                                         requested.get<std::size_t>() > 0 &&
                                         requested.get<std::size_t>() <= 65536
                                     ? requested.get<std::size_t>()
                                     : kDefaultDimensions;
  const bool base64 = StringField(request, "encoding_format") == "base64";

  Json data = Json::array();
  std::size_t chars = 0;
  for (std::size_t index = 0; index < texts.size(); ++index) {
    const auto vector = HashEmbedding(texts[index], dimensions);
    chars += CountChars(texts[index]);
    data.push_back({{"object", "embedding"},
                    {"index", index},
                    {"embedding", base64 ? Json(Base64Floats(vector)) : Json(vector)}});
  }
  const long tokens = TokensOfChars(chars);
  return {{"object", "list"},
          {"data", std::move(data)},
          {"model", Field(request, "model")},
          {"usage", {{"prompt_tokens", tokens}, {"total_tokens", tokens}}}};
}

}  // namespace model_stub
