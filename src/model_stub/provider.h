#pragma once
// Which API a request speaks, and how that API shapes its errors: a client
// under test must see the same error JSON it would get from the real service.

#include <string>
#include <string_view>

#include "json_text.h"

namespace model_stub {

enum class Provider { kAnthropic, kOpenAi, kGemini, kAdmin };

// "anthropic", "openai", "gemini", "admin".
std::string_view ProviderName(Provider provider);

// The provider a path belongs to. Paths no provider serves are attributed by
// their shape (Gemini's /v1beta/ and /projects/ paths) or, failing that, by
// whether the client sent Anthropic's `anthropic-version` header.
Provider ProviderForPath(std::string_view path, bool has_anthropic_version_header);

// The error body `provider` would send with `status`, e.g. for Anthropic
// {"type":"error","error":{"type":"invalid_request_error","message":...}}.
Json ErrorBody(Provider provider, int status, std::string_view message);

}  // namespace model_stub
