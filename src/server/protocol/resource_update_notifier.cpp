#include "resource_update_notifier.h"

#include <mcp/jsonrpc.h>

#include "store_resources.h"

namespace mcp_server {

ResourceUpdateNotifier::ResourceUpdateNotifier(const SessionPreferences& preferences,
                                               SessionOutbox& outbox, TurnListener* next)
    : preferences_(preferences), outbox_(outbox), next_(next) {}

void ResourceUpdateNotifier::OnTurn(const CompletedTurn& turn) {
  const std::string uri = SessionResourceUri(turn.session_id);
  for (const auto& subscriber : preferences_.SubscribersOf(uri)) {
    outbox_.Push(subscriber,
                 mcp::jsonrpc::MakeNotification("notifications/resources/updated", {{"uri", uri}}));
  }
  if (next_) next_->OnTurn(turn);
}

}  // namespace mcp_server
