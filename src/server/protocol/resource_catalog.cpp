#include "resource_catalog.h"

namespace mcp_server {
namespace {

void PutOptional(nlohmann::json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

}  // namespace

nlohmann::json ResourceDescription::ToJson() const {
  nlohmann::json object{{"uri", uri}, {"name", name}};
  PutOptional(object, "title", title);
  PutOptional(object, "description", description);
  PutOptional(object, "mimeType", mime_type);
  return object;
}

nlohmann::json ResourceTemplateDescription::ToJson() const {
  nlohmann::json object{{"uriTemplate", uri_template}, {"name", name}};
  PutOptional(object, "title", title);
  PutOptional(object, "description", description);
  PutOptional(object, "mimeType", mime_type);
  return object;
}

std::vector<std::string> ResourceSource::Complete(const std::string&, const std::string&,
                                                  const std::string&) const {
  return {};
}

void ResourceCatalog::Add(std::unique_ptr<ResourceSource> source) {
  sources_.push_back(std::move(source));
}

nlohmann::json ResourceCatalog::ListJson() const {
  auto list = nlohmann::json::array();
  for (const auto& source : sources_) {
    for (const auto& resource : source->List()) list.push_back(resource.ToJson());
  }
  return {{"resources", std::move(list)}};
}

nlohmann::json ResourceCatalog::TemplatesListJson() const {
  auto list = nlohmann::json::array();
  for (const auto& source : sources_) {
    for (const auto& resource_template : source->Templates()) {
      list.push_back(resource_template.ToJson());
    }
  }
  return {{"resourceTemplates", std::move(list)}};
}

std::optional<nlohmann::json> ResourceCatalog::Read(const std::string& uri) const {
  for (const auto& source : sources_) {
    if (auto contents = source->Read(uri))
      return nlohmann::json{{"contents", std::move(*contents)}};
  }
  return std::nullopt;
}

std::vector<std::string> ResourceCatalog::Complete(const std::string& uri_template,
                                                   const std::string& variable,
                                                   const std::string& prefix) const {
  std::vector<std::string> values;
  for (const auto& source : sources_) {
    auto more = source->Complete(uri_template, variable, prefix);
    values.insert(values.end(), more.begin(), more.end());
  }
  return values;
}

nlohmann::json TextContents(const std::string& uri, const std::string& mime_type,
                            const std::string& text) {
  return {{"uri", uri}, {"mimeType", mime_type}, {"text", text}};
}

}  // namespace mcp_server
