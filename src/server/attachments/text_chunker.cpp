#include "text_chunker.h"

#include <algorithm>

#include "token_estimate.h"

namespace mcp_server {
namespace {

// A stretch of the text on one line: a whole line (with its '\n'), or a
// piece of a line too long for one chunk. Pieces of one line may overlap.
struct Segment {
  std::size_t begin = 0;
  std::size_t end = 0;
  int line = 0;
};

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves `pos` back to the start of the UTF-8 character it is in, not before `floor`.
std::size_t CharBoundaryAtOrBefore(const std::string& text, std::size_t pos, std::size_t floor) {
  while (pos > floor && pos < text.size() && IsContinuationByte(text[pos])) --pos;
  return pos;
}

// Where a piece of a long line starting at `begin` ends: at most `max_chars`
// later, after a space when one is in the last fifth, at a character boundary.
std::size_t PieceEnd(const std::string& text, std::size_t begin, std::size_t line_end,
                     std::size_t max_chars) {
  if (line_end - begin <= max_chars) return line_end;
  const std::size_t hard = CharBoundaryAtOrBefore(text, begin + max_chars, begin);
  const std::size_t soft_floor = begin + max_chars - max_chars / 5;
  for (std::size_t pos = hard; pos > soft_floor; --pos) {
    if (text[pos - 1] == ' ' || text[pos - 1] == '\t') return pos;
  }
  return hard > begin ? hard : begin + max_chars;  // a 4-byte char cannot exceed a sane chunk
}

void AddLineSegments(const std::string& text, std::size_t begin, std::size_t end, int line,
                     std::size_t max_chars, std::size_t overlap_chars,
                     std::vector<Segment>& segments) {
  if (end - begin <= max_chars) {
    segments.push_back({begin, end, line});
    return;
  }
  std::size_t start = begin;
  while (true) {
    const std::size_t stop = PieceEnd(text, start, end, max_chars);
    segments.push_back({start, stop, line});
    if (stop >= end) return;
    std::size_t next = stop > start + overlap_chars ? stop - overlap_chars : stop;
    next = CharBoundaryAtOrBefore(text, next, start + 1);
    start = next > start ? next : stop;
  }
}

std::vector<Segment> Segments(const std::string& text, std::size_t max_chars,
                              std::size_t overlap_chars) {
  std::vector<Segment> segments;
  std::size_t begin = 0;
  int line = 1;
  while (begin < text.size()) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
    AddLineSegments(text, begin, end, line, max_chars, overlap_chars, segments);
    begin = end;
    ++line;
  }
  return segments;
}

bool OnlyWhitespace(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// The first segment of the chunk after the one spanning [first, last]: as
// far back as whole segments fit in the overlap, yet never so far back that
// the next chunk could not reach past `last` (which would repeat forever).
std::size_t NextStart(const std::vector<Segment>& segments, std::size_t first, std::size_t last,
                      std::size_t max_chars, std::size_t overlap_chars) {
  std::size_t next = last + 1;
  while (next - 1 > first && segments[last].end - segments[next - 1].begin <= overlap_chars) {
    --next;
  }
  if (next <= last && last + 1 < segments.size() &&
      segments[last + 1].end - segments[next].begin > max_chars) {
    next = last + 1;
  }
  return next;
}

}  // namespace

std::vector<TextChunk> ChunkText(const std::string& text, const ChunkOptions& options) {
  const std::size_t max_chars = std::max<std::size_t>(CharsOfTokens(options.chunk_tokens), 16);
  const std::size_t overlap_chars = std::min(CharsOfTokens(options.overlap_tokens), max_chars / 2);
  const auto segments = Segments(text, max_chars, overlap_chars);
  std::vector<TextChunk> chunks;
  std::size_t first = 0;
  while (first < segments.size()) {
    std::size_t last = first;
    while (last + 1 < segments.size() &&
           segments[last + 1].end - segments[first].begin <= max_chars) {
      ++last;
    }
    TextChunk chunk{text.substr(segments[first].begin, segments[last].end - segments[first].begin),
                    segments[first].line, segments[last].line};
    if (!OnlyWhitespace(chunk.text)) chunks.push_back(std::move(chunk));
    if (last + 1 >= segments.size()) break;
    first = NextStart(segments, first, last, max_chars, overlap_chars);
  }
  return chunks;
}

}  // namespace mcp_server
