#pragma once
// Replies as Server-Sent Events on a streamed httplib response: one request's
// reply stream (its notifications and requests to the client, then the
// response), and a session's standalone stream (GET /mcp). Each message is
// one `data:` event. No event ids: streams are not resumable, so clients are
// not invited to reconnect with Last-Event-ID.

#include <httplib.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "client_requests.h"
#include "request_context.h"
#include "session_outbox.h"

namespace mcp_server {

// "data: <message>\n\n", invalid UTF-8 replaced.
std::string SseEvent(const nlohmann::json& message);

// Streams the reply to one request: `handle` runs on the serving thread while
// the response is written, so what it sends through its context (progress,
// log messages, requests to the client) arrives before its result. `keep`
// lives as long as the response (e.g. the request's cancellation registration).
void ReplyWithStream(httplib::Response& res, RequestContext context, ClientRequests& requests,
                     std::function<nlohmann::json(RequestContext&)> handle,
                     std::shared_ptr<void> keep);

// Streams `session`'s messages from `outbox` until the session's stream is
// closed (DELETE), the client goes away (noticed by a comment line every
// `heartbeat`) or `running()` turns false. The stream must be open in
// `outbox`; it is closed when this stream ends.
void ServeSessionStream(httplib::Response& res, SessionOutbox& outbox, std::string session,
                        std::function<bool()> running, std::chrono::milliseconds heartbeat);

}  // namespace mcp_server
