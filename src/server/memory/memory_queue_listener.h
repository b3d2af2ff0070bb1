#pragma once
// The TurnListener chat tools call after each successful turn: it persists a
// summary job (one local SQLite insert) and wakes the worker. It never waits
// for the network, and a failure to enqueue is logged, never thrown: the
// chat result must not suffer for the memory.

#include <functional>

#include "../completed_turn.h"
#include "memory_store.h"

namespace mcp_server {

class MemoryQueueListener final : public TurnListener {
 public:
  // `store` must outlive the listener; `on_enqueued` (e.g. SummaryWorker::Wake) may be empty.
  MemoryQueueListener(MemoryStore& store, std::function<void()> on_enqueued);

  void OnTurn(const CompletedTurn& turn) override;

 private:
  MemoryStore& store_;
  std::function<void()> on_enqueued_;
};

}  // namespace mcp_server
