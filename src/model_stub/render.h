#pragma once
// Writing a Reply into an httplib response: JSON, raw bytes, or an SSE stream
// (chunked, Cache-Control: no-cache). A "content-type" in reply.headers (any
// case) replaces the default (application/json, text/event-stream), so a
// replayed answer keeps the recorded content type.

#include <httplib.h>

#include "endpoints.h"

namespace model_stub {

void Render(const Reply& reply, httplib::Response& res);

}  // namespace model_stub
