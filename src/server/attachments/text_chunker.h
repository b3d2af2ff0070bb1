#pragma once
// Splits a file's text into token-sized, overlapping chunks for embedding.
//
// Sizes are estimated tokens (token_estimate.h: ~4 characters per token), so
// a chunk holds at most chunk_tokens * 4 bytes. Chunks keep line boundaries:
// a chunk is a run of whole lines, and the next chunk starts with the last
// lines of the previous one that fit in overlap_tokens * 4 bytes (whole lines
// only, so there may be less overlap, never a cut line). A line longer than a
// chunk is the exception: it is cut into chunk-sized pieces (at whitespace
// when there is some near the cut, never inside a UTF-8 character), each
// piece overlapping the previous by the overlap size; such chunks have
// line_start == line_end. Chunks holding only whitespace are dropped. Empty
// text gives no chunks.

#include <cstddef>
#include <string>
#include <vector>

namespace mcp_server {

struct ChunkOptions {
  std::size_t chunk_tokens = 300;   // MCP_ATTACHMENT_CHUNK_TOKENS
  std::size_t overlap_tokens = 50;  // MCP_ATTACHMENT_CHUNK_OVERLAP_TOKENS; REQUIRES < chunk_tokens
};

struct TextChunk {
  std::string text;
  int line_start = 0;  // 1-based, inclusive
  int line_end = 0;    // 1-based, inclusive
};

std::vector<TextChunk> ChunkText(const std::string& text, const ChunkOptions& options);

}  // namespace mcp_server
