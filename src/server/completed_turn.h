#pragma once
// What a chat tool hands on after a successful turn: the exchange, so the
// project memory can summarise it in the background. Chat tools only enqueue;
// they never wait for the summary.

#include <cstdint>
#include <string>

namespace mcp_server {

struct CompletedTurn {
  std::string session_id;
  std::string tool;            // e.g. chat_with_o3
  std::string provider;        // openai | gemini
  std::string model;           // e.g. o3
  std::string user_text;       // the instructions as sent (without inlined files)
  std::string assistant_text;  // the model's answer
  std::int64_t created_at_unix = 0;
};

// Receives every completed turn. Implementations must be thread-safe and must
// not block on the network: chat calls on different sessions run concurrently.
class TurnListener {
 public:
  virtual ~TurnListener() = default;
  virtual void OnTurn(const CompletedTurn& turn) = 0;
};

}  // namespace mcp_server
