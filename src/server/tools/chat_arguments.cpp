#include "chat_arguments.h"

#include <fmt/format.h>

#include "../schema_check.h"

namespace mcp_server {
namespace {

using nlohmann::json;

json TemperatureSchema(const ChatToolSpec& spec) {
  if (!spec.temperature_adjustable) {
    return {{"type", "number"},
            {"minimum", spec.default_temperature},
            {"maximum", spec.default_temperature},
            {"description", fmt::format("{} accepts only its default temperature ({}); omit it.",
                                        spec.info.model, spec.default_temperature)}};
  }
  return {{"type", "number"},
          {"minimum", spec.min_temperature},
          {"maximum", spec.max_temperature},
          {"description", "Sampling temperature; higher is more varied."}};
}

json CommonProperties() {
  return {
      {"instructions",
       {{"type", "string"},
        {"minLength", 1},
        {"description", "What to ask the model: the question or task."}}},
      {"session_id",
       {{"type", "string"},
        {"minLength", 1},
        {"description", "Conversation id; calls with the same id share history, across models."}}},
      {"output_format",
       {{"type", "string"}, {"description", "Optional description of the desired answer format."}}},
      {"context",
       {{"type", "array"},
        {"items", {{"type", "string"}, {"minLength", 1}}},
        {"description",
         "Files or directories (under the allowed roots) whose text is inlined into the prompt, "
         "in the order given, up to the inline budget; files beyond it are indexed and their "
         "passages most relevant to the instructions are included instead."}}},
      {"attachments",
       {{"type", "array"},
        {"items", {{"type", "string"}, {"minLength", 1}}},
        {"description",
         "Files or directories (under the allowed roots) to index into this session's vector "
         "store; the passages most relevant to the instructions are added to the prompt, now and "
         "in later calls of the session (see search_session_attachments)."}}},
      {"structured_output_schema",
       {{"type", "object"},
        {"description", "A JSON Schema; the answer is JSON validated against it."}}}};
}

// Rules the schema alone cannot say well: checked first so the message
// explains the model's limitation rather than a bare range.
std::optional<std::string> CheckModelRules(const ChatToolSpec& spec, const json& arguments) {
  if (!spec.reasoning && arguments.contains("reasoning_effort")) {
    return fmt::format(
        "parameter 'reasoning_effort' is not supported by {} (not a reasoning model); omit it "
        "(it is accepted by reasoning models: low, medium or high)",
        spec.info.model);
  }
  if (!spec.temperature_adjustable && arguments.contains("temperature") &&
      arguments["temperature"].is_number() &&
      arguments["temperature"].get<double>() != spec.default_temperature) {
    return fmt::format(
        "parameter 'temperature': {} does not accept a temperature other than its default ({}); "
        "omit it",
        spec.info.model, spec.default_temperature);
  }
  return std::nullopt;
}

}  // namespace

json ChatInputSchema(const ChatToolSpec& spec) {
  json properties = CommonProperties();
  properties["temperature"] = TemperatureSchema(spec);
  if (spec.reasoning) {
    properties["reasoning_effort"] = {
        {"type", "string"},
        {"enum", {"low", "medium", "high"}},
        {"description",
         spec.default_effort
             ? fmt::format("How hard the model thinks (default {}).", *spec.default_effort)
             : std::string("How hard the model thinks (default: the model's own).")}};
  }
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", {"instructions", "session_id"}},
          {"additionalProperties", false}};
}

std::optional<std::string> ParseChatArguments(const ChatToolSpec& spec, const json& arguments,
                                              ChatArguments& out) {
  if (arguments.is_object()) {
    if (auto problem = CheckModelRules(spec, arguments)) return problem;
  }
  if (auto problem = CheckArguments(ChatInputSchema(spec), arguments)) return problem;
  out.instructions = arguments.at("instructions").get<std::string>();
  out.session_id = arguments.at("session_id").get<std::string>();
  if (arguments.contains("output_format")) {
    out.output_format = arguments.at("output_format").get<std::string>();
  }
  if (arguments.contains("context")) {
    out.context = arguments.at("context").get<std::vector<std::string>>();
  }
  if (arguments.contains("attachments")) {
    out.attachments = arguments.at("attachments").get<std::vector<std::string>>();
  }
  if (arguments.contains("structured_output_schema")) {
    out.output_schema = arguments.at("structured_output_schema");
  }
  if (spec.temperature_adjustable && arguments.contains("temperature")) {
    out.temperature = arguments.at("temperature").get<double>();
  }
  out.reasoning_effort = spec.default_effort;
  if (arguments.contains("reasoning_effort")) {
    out.reasoning_effort = arguments.at("reasoning_effort").get<std::string>();
  }
  return std::nullopt;
}

}  // namespace mcp_server
