#pragma once
// Markers: the upper-case hyphenated tokens (GAMMA-7, ZEBRA-FLUX-42) that tests
// plant in prompts, memory or documents. The OpenAI / Gemini echo answers list
// them so a test can prove that a fact really reached the model.

#include <string>
#include <string_view>
#include <vector>

#include "json_text.h"

namespace model_stub {

// Every match of \b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+\b in `text`, left to right,
// repeats included. Hand-written rather than std::regex so a huge input cannot
// exhaust the stack.
std::vector<std::string> FindMarkers(std::string_view text);

// The distinct markers in every string value of `request` (the "model" field
// excepted), in order of first appearance.
std::vector<std::string> CollectMarkers(const Json& request);

// "A, B, C", or "none" when `markers` is empty.
std::string JoinMarkers(const std::vector<std::string>& markers);

}  // namespace model_stub
