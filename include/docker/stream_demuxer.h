#pragma once
// Splits the Engine's multiplexed stream (logs, attach and exec without a TTY)
// into its streams. Each frame is an 8-byte header [stream, 0, 0, 0, size as
// big-endian uint32] followed by `size` payload bytes. Frames and even headers
// may be split across network reads, so the demuxer keeps partial state.

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>

namespace docker {

enum class StreamKind : uint8_t { kStdin = 0, kStdout = 1, kStderr = 2, kSystemErr = 3 };

class StreamDemuxer {
 public:
  using Sink = std::function<void(StreamKind, std::string_view)>;

  explicit StreamDemuxer(Sink sink) : sink_(std::move(sink)) {}

  // Consumes the next bytes of the stream; payload is passed to the sink as
  // soon as it arrives (a frame may reach the sink in several pieces).
  void Feed(std::string_view bytes);

  // True when the bytes fed so far end exactly at a frame boundary. A stream
  // that ends elsewhere was truncated.
  bool AtFrameBoundary() const { return header_filled_ == 0 && remaining_ == 0; }

 private:
  Sink sink_;
  std::array<uint8_t, 8> header_{};
  size_t header_filled_ = 0;
  uint32_t remaining_ = 0;
  StreamKind current_ = StreamKind::kStdout;
};

}  // namespace docker
