#pragma once
// What a matched rule answers, in the wire format of the request it matched.
// Delays and dropped connections are the server's business; this builds the
// bytes.

#include "endpoints.h"
#include "rules.h"

namespace model_stub {

// The reply `rule` scripts for a request (`call`, parsed `body`):
//  * body -> sent as is; text / tool_call -> the provider's assistant turn,
//    streamed when the request streams; malformed_json -> bytes (or SSE data)
//    that do not parse;
//  * none of those and status >= 400 -> the provider's error body for that
//    status (429 also gets `retry-after: 1` unless the rule sets it);
//  * none of those otherwise -> the echo brain's reply (a slow or truncated
//    echo);
// then the rule's status and headers, and truncate_stream_after applied to
// the SSE events.
Reply RuleReply(const Rule& rule, const Call& call, const Json& body);

}  // namespace model_stub
