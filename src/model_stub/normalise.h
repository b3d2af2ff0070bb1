#pragma once
// What replay compares: a request with its volatile parts replaced, so a
// replay matches the recording even though ids, dates and the machine
// differ. Applied to both sides (recorded and received) before comparing.
//
// Rules (the whole list; see docs/model-stub.md):
//  * key fields: provider, path, model; in a Vertex path the project and the
//    location become "<project>" and "<location>"; the query is ignored;
//  * body members dropped wherever they appear: "metadata" (Claude Code's
//    metadata.user_id carries a per-session uuid), "user",
//    "prompt_cache_key", "safety_identifier";
//  * string values of members named "id", "tool_use_id", "call_id",
//    "previous_response_id" become "<id>" (tool_use ids, response ids);
//  * in every string: a UUID becomes "<uuid>", an ISO 8601 timestamp
//    "<timestamp>", a date YYYY-MM-DD "<date>"; and the rest of a line after
//    "Primary working directory:", "Working directory:", "Additional working
//    directories:", "OS Version:", "Today's date is" or "Today's date:"
//    (Claude Code's environment block) becomes "<env>". Everything else must
//    be equal: Claude Code's memory path still holds its HOME and working
//    directory, and its billing line its version, so record and replay with
//    the same claude-runner image (the stack fixes both).

#include <string>
#include <string_view>

#include "json_text.h"

namespace model_stub {

// {"provider", "path", "model", "body"} of a cassette-shaped request, normalised.
Json NormalisedRequest(const Json& request);

Json NormaliseBody(Json body);
std::string NormaliseText(std::string_view text);
std::string NormalisePath(std::string_view path);

}  // namespace model_stub
