#pragma once
// Inspect JSON holds every environment variable in plain text, API keys
// included (live mode gives the stub the real ones): redacted before it is
// written anywhere.

#include <nlohmann/json.hpp>
#include <string_view>

namespace e2e {

// True for variable names that hold credentials: containing KEY, TOKEN,
// SECRET, PASSWORD or CREDENTIAL (any case), e.g. OPENAI_API_KEY.
bool IsSecretVariable(std::string_view name);

// `inspect` with the value of every secret variable in Config.Env replaced
// by [REDACTED].
nlohmann::json WithSecretsRedacted(nlohmann::json inspect);

}  // namespace e2e
