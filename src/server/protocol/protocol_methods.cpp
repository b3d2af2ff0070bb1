#include "protocol_methods.h"

#include <algorithm>

namespace mcp_server {
namespace {

namespace rpc = mcp::jsonrpc;
using nlohmann::json;

constexpr std::size_t kMaxCompletionValues = 100;  // the spec's limit per answer

// params[key] as a string, or nullopt when absent or not a string.
std::optional<std::string> StringParam(const json& params, const char* key) {
  if (!params.is_object() || !params.contains(key) || !params[key].is_string()) return std::nullopt;
  return params[key].get<std::string>();
}

json InvalidParams(const rpc::Message& request, const std::string& why) {
  return rpc::MakeError(request.id, rpc::kInvalidParams, "Invalid params: " + why);
}

json CompletionResult(std::vector<std::string> values) {
  const std::size_t total = values.size();
  if (values.size() > kMaxCompletionValues) values.resize(kMaxCompletionValues);
  return {{"completion",
           {{"values", values}, {"total", total}, {"hasMore", total > kMaxCompletionValues}}}};
}

}  // namespace

ProtocolMethods::ProtocolMethods(const ResourceCatalog& resources, const PromptCatalog& prompts,
                                 SessionPreferences& preferences)
    : resources_(resources), prompts_(prompts), preferences_(preferences) {}

json ProtocolMethods::Capabilities() const {
  return {{"logging", json::object()},
          {"resources", {{"subscribe", true}, {"listChanged", false}}},
          {"prompts", {{"listChanged", false}}},
          {"completions", json::object()}};
}

std::optional<json> ProtocolMethods::Handle(const rpc::Message& request,
                                            const RequestContext& context) const {
  const std::string& method = request.method;
  if (method == "logging/setLevel") return SetLogLevel(request, context);
  if (method == "resources/list") return rpc::MakeResult(request.id, resources_.ListJson());
  if (method == "resources/templates/list") {
    return rpc::MakeResult(request.id, resources_.TemplatesListJson());
  }
  if (method == "resources/read") return ReadResource(request);
  if (method == "resources/subscribe") return Subscription(request, context, true);
  if (method == "resources/unsubscribe") return Subscription(request, context, false);
  if (method == "prompts/list") return rpc::MakeResult(request.id, prompts_.ListJson());
  if (method == "prompts/get") return GetPrompt(request);
  if (method == "completion/complete") return Complete(request);
  return std::nullopt;
}

json ProtocolMethods::SetLogLevel(const rpc::Message& request,
                                  const RequestContext& context) const {
  const auto name = StringParam(request.params, "level");
  const auto level = name ? ParseLogLevel(*name) : std::nullopt;
  if (!level) {
    return InvalidParams(request,
                         "'level' must be one of debug, info, notice, warning, error, critical, "
                         "alert, emergency");
  }
  preferences_.SetLogLevel(context.session(), *level);
  return rpc::MakeResult(request.id, json::object());
}

json ProtocolMethods::ReadResource(const rpc::Message& request) const {
  const auto uri = StringParam(request.params, "uri");
  if (!uri) return InvalidParams(request, "resources/read needs a string 'uri'");
  auto contents = resources_.Read(*uri);
  if (!contents) {
    return rpc::MakeError(request.id, kResourceNotFound, "Resource not found: " + *uri,
                          {{"uri", *uri}});
  }
  return rpc::MakeResult(request.id, std::move(*contents));
}

json ProtocolMethods::Subscription(const rpc::Message& request, const RequestContext& context,
                                   bool subscribe) const {
  const auto uri = StringParam(request.params, "uri");
  if (!uri || uri->empty()) return InvalidParams(request, request.method + " needs a string 'uri'");
  if (subscribe) {
    preferences_.Subscribe(context.session(), *uri);
  } else {
    preferences_.Unsubscribe(context.session(), *uri);
  }
  return rpc::MakeResult(request.id, json::object());
}

json ProtocolMethods::GetPrompt(const rpc::Message& request) const {
  const auto name = StringParam(request.params, "name");
  if (!name) return InvalidParams(request, "prompts/get needs a string 'name'");
  auto result = prompts_.Get(*name, request.params.value("arguments", json()));
  if (auto* why = std::get_if<std::string>(&result)) return InvalidParams(request, *why);
  return rpc::MakeResult(request.id, std::get<json>(std::move(result)));
}

json ProtocolMethods::Complete(const rpc::Message& request) const {
  const json& params = request.params;
  if (!params.is_object() || !params.contains("ref") || !params["ref"].is_object()) {
    return InvalidParams(request, "completion/complete needs an object 'ref'");
  }
  const json& ref = params["ref"];
  const auto argument_name =
      params.contains("argument") ? StringParam(params["argument"], "name") : std::nullopt;
  if (!argument_name) return InvalidParams(request, "completion/complete needs 'argument.name'");
  const std::string prefix = StringParam(params["argument"], "value").value_or("");
  const auto type = StringParam(ref, "type").value_or("");
  if (type == "ref/prompt") {
    const auto name = StringParam(ref, "name");
    const Prompt* prompt = name ? prompts_.Find(*name) : nullptr;
    if (!prompt) return InvalidParams(request, "unknown prompt " + name.value_or("(none)"));
    return rpc::MakeResult(request.id, CompletionResult(prompt->Complete(*argument_name, prefix)));
  }
  if (type == "ref/resource") {
    const auto uri = StringParam(ref, "uri");
    if (!uri) return InvalidParams(request, "ref/resource needs a string 'uri'");
    return rpc::MakeResult(request.id,
                           CompletionResult(resources_.Complete(*uri, *argument_name, prefix)));
  }
  return InvalidParams(request, "ref.type must be ref/prompt or ref/resource");
}

}  // namespace mcp_server
