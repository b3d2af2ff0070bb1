#pragma once
// The fake OpenAI Responses API in wire format. The answer states what the
// model could see: `[<model>] facts: <markers> | input_tokens: <N>`, so a test
// can prove that history, memory or retrieved chunks reached the model.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json_text.h"
#include "sse.h"
#include "turn.h"

namespace model_stub::openai {

// True for reasoning models: "o" followed by a digit (o3, o4-mini).
bool IsReasoningModel(std::string_view model);

// "[<model>] facts: <markers or none> | input_tokens: <N>" for `request`, or
// a JSON value valid against its text.format json_schema (see EchoAnswer).
std::string EchoText(const Json& request);

// The echo brain's turn for a Responses body: the next `call function <name>
// with {...}` directive of the latest user input when `tools` offers that
// function and no function_call_output answers it yet, else EchoText.
AssistantTurn DecideResponsesTurn(const Json& request);

// The `response` object answering a POST /v1/responses body: id "resp_...",
// object "response", created_at (`created_at`, Unix seconds), status
// "completed", model, output (a reasoning item first for reasoning models,
// then the assistant message or a function_call item), usage.
// REQUIRES: `request` is a JSON object.
Json RespondToResponses(const Json& request, std::int64_t created_at);

// The same `response` carrying `turn` (a scripted rule's text or tool call).
Json ResponseFor(const Json& request, std::int64_t created_at, const AssistantTurn& turn);

// The events that stream `response` (as built by RespondToResponses):
// response.created, response.in_progress, per output item
// response.output_item.added / .done (with the text's content_part and
// output_text delta / done events, or a function call's
// function_call_arguments delta / done events, in between),
// response.completed.
std::vector<SseEvent> StreamEvents(const Json& response);

}  // namespace model_stub::openai
