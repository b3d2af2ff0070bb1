#include "provider.h"

namespace model_stub {
namespace {

std::string_view AnthropicErrorType(int status) {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

std::string_view OpenAiErrorType(int status) {
  if (status == 429) return "rate_limit_exceeded";
  return status >= 500 ? "server_error" : "invalid_request_error";
}

std::string_view GeminiStatus(int status) {
  switch (status) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 503:
      return "UNAVAILABLE";
    default:
      return status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
  }
}

}  // namespace

std::string_view ProviderName(Provider provider) {
  switch (provider) {
    case Provider::kAnthropic:
      return "anthropic";
    case Provider::kOpenAi:
      return "openai";
    case Provider::kGemini:
      return "gemini";
    case Provider::kAdmin:
      return "admin";
  }
  return "unknown";
}

Provider ProviderForPath(std::string_view path, bool has_anthropic_version_header) {
  if (path == "/healthz" || path.starts_with("/__stub/")) return Provider::kAdmin;
  if (path.starts_with("/v1/messages")) return Provider::kAnthropic;
  if (path.starts_with("/v1beta/") || path.starts_with("/v1/projects/") ||
      path.starts_with("/v1/models/")) {
    return Provider::kGemini;
  }
  return has_anthropic_version_header ? Provider::kAnthropic : Provider::kOpenAi;
}

Json ErrorBody(Provider provider, int status, std::string_view message) {
  switch (provider) {
    case Provider::kAnthropic:
      return {{"type", "error"},
              {"error", {{"type", AnthropicErrorType(status)}, {"message", message}}}};
    case Provider::kGemini:
      return {
          {"error", {{"code", status}, {"message", message}, {"status", GeminiStatus(status)}}}};
    case Provider::kOpenAi:
    case Provider::kAdmin:
      break;
  }
  return {{"error",
           {{"message", message},
            {"type", OpenAiErrorType(status)},
            {"param", nullptr},
            {"code", nullptr}}}};
}

}  // namespace model_stub
