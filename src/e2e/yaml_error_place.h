#pragma once
// Where a YAML syntax error really is. yaml-cpp's mark is where the parser
// noticed the problem, which can be lines later: an unclosed `[` or `{` is
// noticed at the first token that cannot continue it (past blank and comment
// lines), and a key without its ':' turns into a plain scalar that runs on
// into the next lines, so the error lands on the next key's ':'. This replays
// the parse with yaml-cpp's event API and points at the opening bracket, or
// at the line where that runaway scalar began.
#include <yaml-cpp/exceptions.h>

#include <string>

namespace e2e {

struct YamlPlace {
  int line = 0;    // 1-based
  int column = 0;  // 1-based
  std::string message;
};

// The place and message to report for `error`, thrown while loading `text`.
YamlPlace PlaceOfSyntaxError(const std::string& text, const YAML::ParserException& error);

}  // namespace e2e
