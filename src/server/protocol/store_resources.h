#pragma once
// The server's own data as MCP resources:
//   mcp-server://sessions/{session_id}  a conversation session's turns (JSON)
//   mcp-server://memory/{memory_id}     one project-memory entry (JSON)
// Both are listed (the most recent kListLimit of each) and offered as
// templates whose variables complete from the stored ids. Session ids are
// percent-encoded in URIs.

#include <string>

#include "../conversation_store.h"
#include "../memory/memory_store.h"
#include "resource_catalog.h"

namespace mcp_server {

inline constexpr const char* kSessionResourceTemplate = "mcp-server://sessions/{session_id}";
inline constexpr const char* kMemoryResourceTemplate = "mcp-server://memory/{memory_id}";

// The URI of a conversation session's resource.
std::string SessionResourceUri(const std::string& session_id);

class StoreResources : public ResourceSource {
 public:
  static constexpr std::size_t kListLimit = 100;

  // The stores must outlive this source.
  StoreResources(const ConversationStore& conversations, const MemoryStore& memory);

  std::vector<ResourceDescription> List() const override;
  std::vector<ResourceTemplateDescription> Templates() const override;
  std::optional<nlohmann::json> Read(const std::string& uri) const override;
  std::vector<std::string> Complete(const std::string& uri_template, const std::string& variable,
                                    const std::string& prefix) const override;

 private:
  std::optional<nlohmann::json> ReadSession(const std::string& session_id,
                                            const std::string& uri) const;
  std::optional<nlohmann::json> ReadMemory(const std::string& memory_id,
                                           const std::string& uri) const;

  const ConversationStore& conversations_;
  const MemoryStore& memory_;
};

}  // namespace mcp_server
