#include "queue_health.h"

#include <algorithm>

namespace mcp_server {

nlohmann::json QueueHealth(const QueueStats& stats, std::int64_t now_ms) {
  nlohmann::json health{{"queue_depth", stats.depth}, {"oldest_job_age_s", nullptr}};
  if (stats.oldest_enqueued_at_ms) {
    health["oldest_job_age_s"] =
        std::max<std::int64_t>(0, (now_ms - *stats.oldest_enqueued_at_ms) / 1000);
  }
  return health;
}

}  // namespace mcp_server
