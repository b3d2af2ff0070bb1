#pragma once
// The state the protocol keeps between requests of a session: preferences
// (log level, subscriptions), standalone streams, requests in flight (for
// notifications/cancelled) and requests the server sent to clients. One per
// server, shared by the transport, the dispatcher's methods and the notifier.

#include "client_requests.h"
#include "inflight_requests.h"
#include "session_outbox.h"
#include "session_preferences.h"

namespace mcp_server {

struct ProtocolState {
  SessionPreferences preferences;
  SessionOutbox outbox;
  InflightRequests inflight;
  ClientRequests client_requests;

  // Everything the protocol remembers of `session`, dropped when it ends.
  void ForgetSession(const std::string& session) {
    preferences.Forget(session);
    outbox.Close(session);
  }
};

}  // namespace mcp_server
