#pragma once
// Tells subscribers that a conversation session changed: after each chat
// turn, every MCP session subscribed to that session's resource
// (mcp-server://sessions/{id}) gets notifications/resources/updated on its
// standalone stream. Passes the turn on to `next` (the project memory).

#include "../completed_turn.h"
#include "session_outbox.h"
#include "session_preferences.h"

namespace mcp_server {

class ResourceUpdateNotifier : public TurnListener {
 public:
  // Everything referenced must outlive the notifier; `next` may be null.
  ResourceUpdateNotifier(const SessionPreferences& preferences, SessionOutbox& outbox,
                         TurnListener* next);

  void OnTurn(const CompletedTurn& turn) override;

 private:
  const SessionPreferences& preferences_;
  SessionOutbox& outbox_;
  TurnListener* next_;
};

}  // namespace mcp_server
