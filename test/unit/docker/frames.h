#pragma once
// Builds frames of the Engine's multiplexed stream (logs, exec output) for tests.

#include <cstdint>
#include <string>

#include "docker/stream_demuxer.h"

namespace docker_test {

// An 8-byte header [stream, 0, 0, 0, big-endian size] followed by `payload`.
inline std::string Frame(docker::StreamKind kind, const std::string& payload) {
  std::string frame(8, '\0');
  frame[0] = static_cast<char>(kind);
  const auto size = static_cast<uint32_t>(payload.size());
  frame[4] = static_cast<char>(size >> 24);
  frame[5] = static_cast<char>(size >> 16);
  frame[6] = static_cast<char>(size >> 8);
  frame[7] = static_cast<char>(size);
  return frame + payload;
}

}  // namespace docker_test
