#include "store_resources.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "uri_template.h"

namespace mcp_server {
namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json";

bool Unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~';
}

std::string PercentEncode(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (Unreserved(c)) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

std::string PercentDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const auto hex = text.substr(i + 1, 2);
      if (std::all_of(hex.begin(), hex.end(),
                      [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
        out += static_cast<char>(std::stoi(hex, nullptr, 16));
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string MemoryUri(std::int64_t id) { return fmt::format("mcp-server://memory/{}", id); }

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::string SessionResourceUri(const std::string& session_id) {
  return "mcp-server://sessions/" + PercentEncode(session_id);
}

StoreResources::StoreResources(const ConversationStore& conversations, const MemoryStore& memory)
    : conversations_(conversations), memory_(memory) {}

std::vector<ResourceDescription> StoreResources::List() const {
  std::vector<ResourceDescription> list;
  std::string error;
  if (auto sessions = conversations_.Sessions(kListLimit, &error)) {
    for (const auto& session : *sessions) {
      list.push_back({SessionResourceUri(session.session_id), "session " + session.session_id, "",
                      fmt::format("Conversation session with {} turns", session.turns), kJson});
    }
  } else {
    spdlog::error("resources/list: cannot list sessions: {}", error);
  }
  if (auto memories = memory_.Memories(std::nullopt, &error)) {
    const auto first =
        memories->size() > kListLimit ? memories->end() - kListLimit : memories->begin();
    for (auto it = memories->end(); it != first;) {
      --it;
      list.push_back({MemoryUri(it->id), fmt::format("memory {}", it->id), "",
                      "Project memory: summary of a turn of session " + it->session_id, kJson});
    }
  } else {
    spdlog::error("resources/list: cannot list project memory: {}", error);
  }
  return list;
}

std::vector<ResourceTemplateDescription> StoreResources::Templates() const {
  return {{kSessionResourceTemplate, "session", "Conversation session",
           "The stored turns of a chat session_id (role, text, provider, model, time)", kJson},
          {kMemoryResourceTemplate, "memory", "Project memory entry",
           "One summary of a past chat turn, as search_project_history finds them", kJson}};
}

std::optional<json> StoreResources::Read(const std::string& uri) const {
  if (auto values = MatchUriTemplate(kSessionResourceTemplate, uri)) {
    return ReadSession(PercentDecode(values->at("session_id")), uri);
  }
  if (auto values = MatchUriTemplate(kMemoryResourceTemplate, uri)) {
    return ReadMemory(values->at("memory_id"), uri);
  }
  return std::nullopt;
}

std::optional<json> StoreResources::ReadSession(const std::string& session_id,
                                                const std::string& uri) const {
  std::string error;
  const auto turns = conversations_.History(session_id, &error);
  if (!turns) throw std::runtime_error("cannot read session " + session_id + ": " + error);
  if (turns->empty()) return std::nullopt;
  auto list = json::array();
  for (const auto& turn : *turns) {
    list.push_back({{"role", turn.role},
                    {"text", turn.content},
                    {"provider", turn.provider},
                    {"model", turn.model},
                    {"created_at_unix", turn.created_at_unix}});
  }
  const json body{{"session_id", session_id}, {"turns", std::move(list)}};
  return json::array({TextContents(uri, kJson, body.dump())});
}

std::optional<json> StoreResources::ReadMemory(const std::string& memory_id,
                                               const std::string& uri) const {
  std::string error;
  const auto memories = memory_.Memories(std::nullopt, &error);
  if (!memories) throw std::runtime_error("cannot read project memory: " + error);
  for (const auto& memory : *memories) {
    if (std::to_string(memory.id) != memory_id) continue;
    const json body{{"id", memory.id},
                    {"session_id", memory.session_id},
                    {"provider", memory.provider},
                    {"model", memory.model},
                    {"summary", memory.summary},
                    {"created_at_unix", memory.created_at_unix}};
    return json::array({TextContents(uri, kJson, body.dump())});
  }
  return std::nullopt;
}

std::vector<std::string> StoreResources::Complete(const std::string& uri_template,
                                                  const std::string& variable,
                                                  const std::string& prefix) const {
  std::vector<std::string> values;
  if (uri_template == kSessionResourceTemplate && variable == "session_id") {
    for (const auto& session :
         conversations_.Sessions(kListLimit).value_or(std::vector<SessionSummary>{})) {
      if (StartsWith(session.session_id, prefix)) values.push_back(session.session_id);
    }
  } else if (uri_template == kMemoryResourceTemplate && variable == "memory_id") {
    for (const auto& memory :
         memory_.Memories(std::nullopt).value_or(std::vector<StoredMemory>{})) {
      const std::string id = std::to_string(memory.id);
      if (StartsWith(id, prefix)) values.push_back(id);
    }
  }
  return values;
}

}  // namespace mcp_server
