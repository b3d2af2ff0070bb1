#include "yaml_error_place.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <sstream>
#include <vector>

namespace e2e {
namespace {

// Remembers the last event's place and the collections still open.
class PlaceTracker : public YAML::EventHandler {
 public:
  struct Open {
    YAML::Mark mark;
    bool flow = false;
  };

  void OnDocumentStart(const YAML::Mark& mark) override { Note(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Note(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    Opened(mark, style);
  }
  void OnSequenceEnd() override { open_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    Opened(mark, style);
  }
  void OnMapEnd() override { open_.pop_back(); }

  const std::optional<YAML::Mark>& last() const { return last_; }
  // The innermost `[...]` or `{...}` not closed yet.
  std::optional<YAML::Mark> OpenFlow() const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->flow) return it->mark;
    }
    return std::nullopt;
  }

 private:
  void Note(const YAML::Mark& mark) { last_ = mark; }
  void Opened(const YAML::Mark& mark, YAML::EmitterStyle::value style) {
    Note(mark);
    open_.push_back({mark, style == YAML::EmitterStyle::Flow});
  }

  std::optional<YAML::Mark> last_;
  std::vector<Open> open_;
};

bool IsContent(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  return first != std::string::npos && line[first] != '#';
}

// The first line after `after` (0-based) holding more than blanks or a
// comment, with its first column; nullopt when none comes before `before`.
std::optional<YamlPlace> FirstContentLine(const std::string& text, int after, int before) {
  std::istringstream lines(text);
  std::string line;
  for (int index = 0; std::getline(lines, line) && index < before; ++index) {
    if (index > after && IsContent(line)) {
      return YamlPlace{.line = index + 1,
                       .column = static_cast<int>(line.find_first_not_of(" \t")) + 1};
    }
  }
  return std::nullopt;
}

}  // namespace

YamlPlace PlaceOfSyntaxError(const std::string& text, const YAML::ParserException& error) {
  YamlPlace noticed{
      .line = error.mark.line + 1, .column = error.mark.column + 1, .message = error.msg};
  std::istringstream in(text);
  YAML::Parser parser(in);
  PlaceTracker tracker;
  try {
    while (parser.HandleNextDocument(tracker)) {
    }
    return noticed;  // the replay parsed: nothing better to say
  } catch (const YAML::ParserException&) {
  }
  const auto here = [&noticed](int line, int column, const std::string& what) {
    return YamlPlace{.line = line,
                     .column = column,
                     .message = what + " (yaml-cpp noticed it at " + std::to_string(noticed.line) +
                                ":" + std::to_string(noticed.column) + ": " + noticed.message +
                                ")"};
  };
  if (const auto opened = tracker.OpenFlow();
      opened && noticed.message.find("flow") != std::string::npos) {
    return here(opened->line + 1, opened->column + 1, "this '[' or '{' is never closed");
  }
  if (noticed.message == YAML::ErrorMsg::MAP_VALUE && tracker.last()) {
    if (auto start = FirstContentLine(text, tracker.last()->line, error.mark.line)) {
      return here(start->line, start->column,
                  "a plain value runs from here into a later line (a key missing its ':'?)");
    }
  }
  return noticed;
}

}  // namespace e2e
