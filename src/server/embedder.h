#pragma once
// Turns texts into vectors. The project memory embeds summaries and queries
// with it; attachment indexing will embed chunks with it. Implementations are
// thread-safe and bounded in time.

#include <functional>
#include <string>
#include <vector>

namespace mcp_server {

struct EmbeddingsReply {
  bool ok = false;
  std::vector<std::vector<float>> vectors;  // one per input text, in input order, when ok
  std::string error;                        // why not, naming endpoint and status
  int attempts = 0;
};

class Embedder {
 public:
  virtual ~Embedder() = default;

  // The model name recorded next to stored vectors (vectors of different
  // models are not comparable).
  virtual std::string Model() const = 0;

  // Embeds every text in one request. `should_abort` (optional) is polled
  // during the call; when it turns true the call returns promptly, not ok.
  virtual EmbeddingsReply Embed(const std::vector<std::string>& texts,
                                const std::function<bool()>& should_abort = {}) const = 0;
};

}  // namespace mcp_server
