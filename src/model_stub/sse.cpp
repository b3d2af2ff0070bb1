#include "sse.h"

#include <algorithm>

namespace model_stub {

std::string FormatSse(const SseEvent& event) {
  const std::string data =
      event.data.is_string() ? event.data.get<std::string>() : Dump(event.data);
  const std::string event_line = event.event.empty() ? "" : "event: " + event.event + "\n";
  return event_line + "data: " + data + "\n\n";
}

std::vector<std::string> SplitForStreaming(const std::string& text, std::size_t piece_bytes) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(start + piece_bytes, text.size());
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) ++end;
    pieces.push_back(text.substr(start, end - start));
    start = end;
  }
  return pieces;
}

}  // namespace model_stub
