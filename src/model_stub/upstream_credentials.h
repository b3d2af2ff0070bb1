#pragma once
// Live mode's keys live in the stub only. The MCP server and Claude Code keep
// their offline placeholder keys and talk to the stub as always; when the
// stub has a real key for the provider, pass-through swaps the placeholder
// for it on the way out, so no other container ever holds a real key:
//   STUB_UPSTREAM_KEY_ANTHROPIC   sent as x-api-key
//   STUB_UPSTREAM_KEY_OPENAI      sent as authorization: Bearer <key>
//   STUB_UPSTREAM_KEY_GEMINI      sent as x-goog-api-key (AI Studio paths)
//   STUB_UPSTREAM_TOKEN_VERTEX    sent as authorization: Bearer <token> (Vertex paths)
// Without one, the client's own credentials go through as sent.

#include <string>
#include <string_view>

#include "provider.h"
#include "upstream.h"

namespace model_stub {

struct UpstreamKeys {
  std::string anthropic;
  std::string openai;
  std::string gemini;
  std::string vertex;  // an OAuth access token
};

// The key to send for a request of `provider` on `path`; empty when none.
const std::string& UpstreamKeyFor(const UpstreamKeys& keys, Provider provider,
                                  std::string_view path);

// Replaces every credential of `request` (authorization, x-api-key,
// x-goog-api-key headers and the `key` query parameter of its URL) by `key`
// in `provider`'s header. Does nothing when `key` is empty.
void ApplyUpstreamKey(UpstreamRequest& request, Provider provider, std::string_view path,
                      const std::string& key);

}  // namespace model_stub
