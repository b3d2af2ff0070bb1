#pragma once
// Pass-through mode: a provider request forwarded to the real provider and
// its answer streamed back unchanged, as it arrives (SSE events reach the
// client while the upstream is still writing).
//
// Forwarded: the method, path and query, the body, and every request header
// except the hop-by-hop ones and those that describe this connection (Host,
// Content-Length, Connection, Keep-Alive, Transfer-Encoding, TE, Upgrade,
// Expect, Accept-Encoding, Proxy-*), so the provider's auth and version
// headers (authorization, x-api-key, x-goog-api-key, anthropic-version,
// anthropic-beta, openai-*) go through as sent. Accept-Encoding is dropped
// so the upstream answers uncompressed and the recording is readable.
// Passed back: the status and every response header except hop-by-hop ones
// and Content-Length (the body is re-sent chunked).

#include <httplib.h>

#include <functional>
#include <string>

#include "provider.h"
#include "upstream.h"

namespace model_stub {

HeaderList ForwardedHeaders(const httplib::Headers& headers);

struct PassThroughHooks {
  // Polled while waiting; true ends the exchange (the stub is stopping).
  std::function<bool()> should_stop = [] { return false; };
  // Called once with the whole exchange when the body has ended (or was cut
  // off); the body is kept up to a bound (64 MiB) for it.
  std::function<void(int status, const HeaderList& headers, const std::string& body)> on_complete;
};

// Sends `upstream` and answers `res` with what comes back. Returns the
// upstream's status, or 502 (in `provider`'s error shape, naming the URL
// and the transport error, nothing recorded) when no answer came.
int PassThrough(const UpstreamRequest& upstream, Provider provider, httplib::Response& res,
                PassThroughHooks hooks);

}  // namespace model_stub
