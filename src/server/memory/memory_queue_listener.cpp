#include "memory_queue_listener.h"

#include <spdlog/spdlog.h>

namespace mcp_server {

MemoryQueueListener::MemoryQueueListener(MemoryStore& store, std::function<void()> on_enqueued)
    : store_(store), on_enqueued_(std::move(on_enqueued)) {}

void MemoryQueueListener::OnTurn(const CompletedTurn& turn) {
  if (auto error = store_.Enqueue(turn, UnixMillisNow())) {
    spdlog::error("project memory: the turn of session {} will not be summarised: {}",
                  turn.session_id, *error);
    return;
  }
  if (on_enqueued_) on_enqueued_();
}

}  // namespace mcp_server
