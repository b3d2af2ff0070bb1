#pragma once
// The answer of the OpenAI / Gemini echo brain: it states what the model could
// see, so a test can prove that history, memory, attachments or retrieved
// chunks really reached the model.

#include <string>
#include <string_view>

#include "json_text.h"

namespace model_stub {

// What a client asks for as the answer's format.
struct AnswerFormat {
  bool json = false;  // a JSON answer was requested
  Json schema;        // its JSON Schema; null for "any JSON object"
};

// "[<model>] facts: <markers or none> | input_tokens: <N>" with the markers of
// all of `request`; when `format.json`, instead the serialised value built by
// SchemaValue (for "any JSON object": {"facts": [markers...]}).
std::string EchoAnswer(const Json& request, std::string_view model, long input_tokens,
                       const AnswerFormat& format);

}  // namespace model_stub
