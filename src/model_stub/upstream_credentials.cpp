#include "upstream_credentials.h"

#include <algorithm>

#include "redact.h"

namespace model_stub {
namespace {

bool IsVertexPath(std::string_view path) { return path.starts_with("/v1/projects/"); }

// `url` without its `key=` query parameter(s).
std::string WithoutKeyParameter(const std::string& url) {
  const auto question = url.find('?');
  if (question == std::string::npos) return url;
  std::string kept;
  std::string_view query(url);
  query.remove_prefix(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view parameter = query.substr(0, amp);
    if (!parameter.starts_with("key=") && parameter != "key" && !parameter.empty()) {
      kept += kept.empty() ? "" : "&";
      kept += parameter;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return url.substr(0, question) + (kept.empty() ? "" : "?" + kept);
}

}  // namespace

const std::string& UpstreamKeyFor(const UpstreamKeys& keys, Provider provider,
                                  std::string_view path) {
  static const std::string kNone;
  switch (provider) {
    case Provider::kAnthropic:
      return keys.anthropic;
    case Provider::kOpenAi:
      return keys.openai;
    case Provider::kGemini:
      return IsVertexPath(path) ? keys.vertex : keys.gemini;
    case Provider::kAdmin:
      break;
  }
  return kNone;
}

void ApplyUpstreamKey(UpstreamRequest& request, Provider provider, std::string_view path,
                      const std::string& key) {
  if (key.empty()) return;
  auto& headers = request.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const auto& header) { return IsSecretHeader(header.first); }),
                headers.end());
  request.url = WithoutKeyParameter(request.url);
  if (provider == Provider::kAnthropic) {
    headers.emplace_back("x-api-key", key);
  } else if (provider == Provider::kGemini && !IsVertexPath(path)) {
    headers.emplace_back("x-goog-api-key", key);
  } else {
    headers.emplace_back("authorization", "Bearer " + key);
  }
}

}  // namespace model_stub
