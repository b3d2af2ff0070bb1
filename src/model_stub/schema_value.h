#pragma once
// Structured output for the echo brain: when a client asks for JSON matching a
// schema (OpenAI json_schema, Gemini responseSchema), the answer is a value
// valid against that schema that still reports what the model saw.

#include <string>
#include <vector>

#include "json_text.h"

namespace model_stub {

// A value valid against JSON Schema `schema` built from `markers`: strings get
// the joined marker list, arrays of strings the markers, integers and numbers
// the marker count, booleans whether any marker was seen, objects every
// property (so every required one), enums their first value, anyOf/oneOf their
// first branch. Type names are matched case-insensitively (Gemini writes
// "STRING").
Json SchemaValue(const Json& schema, const std::vector<std::string>& markers);

}  // namespace model_stub
