// Fuzzes the Engine's stream demultiplexer with arbitrary bytes cut into
// arbitrary reads. Properties checked, beyond "no crash, no UB":
//  * the payload delivered equals what a straightforward whole-buffer parse finds;
//  * how the bytes are split into reads never changes the result;
//  * AtFrameBoundary() is true exactly when the input ends at a frame boundary.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "docker/stream_demuxer.h"

namespace {

struct Parsed {
  std::string streams[4];
  std::string other;  // payload of stream ids above 3
  bool complete = true;
};

// The reference: walks whole frames in one buffer.
Parsed Reference(std::string_view data) {
  Parsed parsed;
  size_t at = 0;
  while (at < data.size()) {
    if (data.size() - at < 8) {
      parsed.complete = false;
      return parsed;
    }
    const auto* h = reinterpret_cast<const uint8_t*>(data.data() + at);
    const uint32_t size =
        (uint32_t{h[4]} << 24) | (uint32_t{h[5]} << 16) | (uint32_t{h[6]} << 8) | h[7];
    at += 8;
    const size_t take = std::min<size_t>(size, data.size() - at);
    (h[0] < 4 ? parsed.streams[h[0]] : parsed.other).append(data.substr(at, take));
    at += take;
    if (take < size) parsed.complete = false;
  }
  return parsed;
}

Parsed Demux(std::string_view data, std::string_view cuts) {
  Parsed parsed;
  docker::StreamDemuxer demuxer([&](docker::StreamKind kind, std::string_view bytes) {
    const auto id = static_cast<uint8_t>(kind);
    (id < 4 ? parsed.streams[id] : parsed.other).append(bytes);
  });
  size_t at = 0;
  for (char cut : cuts) {
    const size_t n = std::min<size_t>(static_cast<uint8_t>(cut), data.size() - at);
    demuxer.Feed(data.substr(at, n));
    at += n;
  }
  demuxer.Feed(data.substr(at));
  parsed.complete = demuxer.AtFrameBoundary();
  return parsed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size == 0) return 0;
  // The first byte says how many of the next bytes describe read sizes.
  const size_t cut_count = std::min<size_t>(bytes[0] % 16, size - 1);
  const std::string_view cuts(reinterpret_cast<const char*>(bytes + 1), cut_count);
  const std::string_view data(reinterpret_cast<const char*>(bytes + 1 + cut_count),
                              size - 1 - cut_count);

  const Parsed expected = Reference(data);
  const Parsed split = Demux(data, cuts);
  const Parsed whole = Demux(data, {});
  for (int i = 0; i < 4; ++i) {
    if (split.streams[i] != expected.streams[i] || whole.streams[i] != expected.streams[i])
      std::abort();
  }
  if (split.other != expected.other || split.complete != expected.complete ||
      whole.complete != expected.complete) {
    std::abort();
  }
  return 0;
}
