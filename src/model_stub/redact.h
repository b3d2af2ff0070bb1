#pragma once
// Removing credentials from what the stub keeps (journal, cassette): the
// values of the credential headers and of the `key` query parameter are
// collected as secrets and scrubbed from every other text the stub stores
// (a key pasted into a prompt, echoed in an upstream error, in a URL).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "e2e/redact.h"
#include "json_text.h"

namespace model_stub {

// The harness's rules (include/e2e/redact.h): "***", and which header and
// member names hold credentials (authorization, x-api-key, x-goog-api-key,
// cookie, api_key, *_TOKEN, ...).
using e2e::IsSecretHeader;
using e2e::kRedacted;

// Known secrets of one request, longest first so a secret that contains
// another is replaced whole. Values shorter than 4 characters are ignored:
// replacing them would shred ordinary text.
class Secrets {
 public:
  // Takes the secret values from `headers` (lower-case names) and `query`,
  // plus `extra` ones (e.g. the real key pass-through sent in their place).
  Secrets(const std::map<std::string, std::string>& headers,
          const std::map<std::string, std::string>& query,
          const std::vector<std::string>& extra = {});

  // `text` with every known secret replaced by kRedacted.
  std::string Scrub(std::string text) const;

  // Scrubs every string of `value`, and replaces the value of members named
  // like a credential (IsSecretHeader) by kRedacted.
  void ScrubJson(Json& value) const;

  // Replaces credential header values and the `key` query parameter by
  // kRedacted, and scrubs the other values (and query names).
  void ScrubHeaders(std::map<std::string, std::string>& headers) const;
  void ScrubQuery(std::map<std::string, std::string>& query) const;

 private:
  void Add(std::string_view value);

  std::vector<std::string> values_;
};

}  // namespace model_stub
