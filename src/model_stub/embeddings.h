#pragma once
// Deterministic embeddings by feature hashing, and the OpenAI embeddings
// endpoint around them. Same text, same vector on every machine; texts that
// share words have a higher cosine.

#include <string_view>
#include <vector>

#include "json_text.h"

namespace model_stub {

constexpr std::size_t kDefaultDimensions = 256;

// Lower-cased ASCII-alphanumeric words of `text` and its word bigrams
// ("w1 w2"), each adding 1 to bucket (h ^ (h >> 32)) % dimensions with
// h = Fnv1a64(feature); then L2
// normalised. Empty text (or dimensions 0) gives all zeros.
std::vector<float> HashEmbedding(std::string_view text, std::size_t dimensions);

// The answer to POST /v1/embeddings: {"object":"list","data":[{"object":
// "embedding","index":i,"embedding":[...]}],"model","usage"}. `input` may be a
// string or an array of strings; `dimensions` (default 256) sets the size;
// encoding_format "base64" gives base64 of little-endian float32 values.
// REQUIRES: `request` is a JSON object. Returns null when `input` is neither.
Json RespondToEmbeddings(const Json& request);

}  // namespace model_stub
