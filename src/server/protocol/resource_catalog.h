#pragma once
// The resources the server offers (resources/list, resources/read,
// resources/templates/list) and completion of template variables, gathered
// from sources: conversation sessions and project memory (store_resources),
// the conformance fixtures. Filled at start-up, read-only after; sources are
// thread-safe.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mcp_server {

struct ResourceDescription {
  std::string uri;
  std::string name;
  std::string title;        // optional
  std::string description;  // optional
  std::string mime_type;    // optional
  nlohmann::json ToJson() const;
};

struct ResourceTemplateDescription {
  std::string uri_template;
  std::string name;
  std::string title;        // optional
  std::string description;  // optional
  std::string mime_type;    // optional
  nlohmann::json ToJson() const;
};

class ResourceSource {
 public:
  virtual ~ResourceSource() = default;
  virtual std::vector<ResourceDescription> List() const { return {}; }
  virtual std::vector<ResourceTemplateDescription> Templates() const { return {}; }
  // The `contents` array of `uri`; nullopt when `uri` is not this source's.
  virtual std::optional<nlohmann::json> Read(const std::string& uri) const = 0;
  // Values of `variable` in `uri_template` that start with `prefix`; empty
  // when the template is not this source's.
  virtual std::vector<std::string> Complete(const std::string& uri_template,
                                            const std::string& variable,
                                            const std::string& prefix) const;
};

class ResourceCatalog {
 public:
  void Add(std::unique_ptr<ResourceSource> source);

  nlohmann::json ListJson() const;           // {"resources":[...]}
  nlohmann::json TemplatesListJson() const;  // {"resourceTemplates":[...]}
  // {"contents":[...]}, or nullopt when no source knows `uri`.
  std::optional<nlohmann::json> Read(const std::string& uri) const;
  std::vector<std::string> Complete(const std::string& uri_template, const std::string& variable,
                                    const std::string& prefix) const;

 private:
  std::vector<std::unique_ptr<ResourceSource>> sources_;
};

// A text item of a `contents` array.
nlohmann::json TextContents(const std::string& uri, const std::string& mime_type,
                            const std::string& text);

}  // namespace mcp_server
