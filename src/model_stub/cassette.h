#pragma once
// The cassette: a test's real provider exchanges, recorded in pass-through
// mode (GET /__stub/cassette) and answered from in replay mode
// (POST /__stub/cassette). JSON with a fixed field order, one exchange per
// entry, so a re-recording reads well in a diff:
//   {"version": 1, "exchanges": [
//     {"request":  {"provider", "method", "path", "query", "model", "stream", "body"},
//      "response": {"status", "headers": {"content-type", ...},
//                   "body": <JSON or text> | "events": [{"event", "data"}]}}]}
// Streams are stored as their SSE events (data parsed when it is JSON).
// Everything in it is redacted (see redact.h) before it is stored.

#include <string>
#include <string_view>
#include <vector>

#include "endpoints.h"
#include "journal.h"
#include "redact.h"
#include "sse.h"
#include "upstream.h"

namespace model_stub {

inline constexpr int kCassetteVersion = 1;

// The "request" of an exchange, from a journal entry (redact it first).
Json CassetteRequest(const JournalEntry& redacted);

// The "response" of an exchange: the status, the headers worth replaying
// (content-type, retry-after), and the body, split into SSE events when the
// content type is text/event-stream. `secrets` are scrubbed from all of it.
Json CassetteResponse(int status, const HeaderList& headers, const std::string& body,
                      const Secrets& secrets);

// The events of an SSE body: `event:` and `data:` lines (several data lines
// joined by "\n"); ids, retry hints and comments are dropped.
std::vector<SseEvent> ParseSseEvents(std::string_view body);

// What a recorded "response" answers when it is replayed.
Reply ReplayedReply(const Json& response);

// Checks the shape of a posted cassette; on error, the field path and what
// is wrong, e.g. "exchanges[2].request.path: must be a string".
std::string CassetteError(const Json& cassette);

}  // namespace model_stub
