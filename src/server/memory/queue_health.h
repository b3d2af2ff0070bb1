#pragma once
// The project memory's part of /healthz: how much work waits and for how long.

#include <cstdint>
#include <nlohmann/json.hpp>

#include "memory_store.h"

namespace mcp_server {

// {"queue_depth": <jobs waiting>, "oldest_job_age_s": <seconds since the
// oldest waiting job was enqueued, or null when none waits>}
nlohmann::json QueueHealth(const QueueStats& stats, std::int64_t now_ms);

}  // namespace mcp_server
