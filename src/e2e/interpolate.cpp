#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "e2e/stack_spec.h"

namespace e2e {
namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string Interpolate(const std::string& value, const VariableLookup& variables) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '$') {
      out += value[i];
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '$') {  // "$$" is a literal "$"
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '{') {
      // The matching brace: defaults may hold references of their own.
      size_t close = i + 2;
      for (int depth = 1; close < value.size(); ++close) {
        if (value[close] == '{') ++depth;
        if (value[close] == '}' && --depth == 0) break;
      }
      if (close >= value.size()) {
        throw std::invalid_argument("unterminated ${ in '" + value + "'");
      }
      const std::string body = value.substr(i + 2, close - i - 2);
      const size_t op = body.find_first_of(":-?");
      const std::string name = body.substr(0, op);
      if (name.empty() || !std::all_of(name.begin(), name.end(), IsNameChar)) {
        throw std::invalid_argument("bad variable name '" + name + "' in '" + value + "'");
      }
      const std::optional<std::string> found = variables(name);
      if (op == std::string::npos) {
        out += found.value_or("");
      } else {
        const bool colon = body[op] == ':';
        const size_t kind_at = colon ? op + 1 : op;
        if (kind_at >= body.size() || (body[kind_at] != '-' && body[kind_at] != '?')) {
          throw std::invalid_argument("unsupported ${" + body + "} in '" + value + "'");
        }
        const std::string operand = body.substr(kind_at + 1);
        // With ':' an empty value counts as unset, as in Compose and sh.
        const bool missing = !found || (colon && found->empty());
        if (body[kind_at] == '-') {
          out += missing ? Interpolate(operand, variables) : *found;
        } else if (missing) {
          throw std::invalid_argument("required variable " + name + " is not set" +
                                      (operand.empty() ? "" : ": " + operand));
        } else {
          out += *found;
        }
      }
      i = close;
      continue;
    }
    // Bare $NAME.
    size_t end = i + 1;
    while (end < value.size() && IsNameChar(value[end])) ++end;
    if (end == i + 1) {
      out += '$';
      continue;
    }
    out += variables(value.substr(i + 1, end - i - 1)).value_or("");
    i = end - 1;
  }
  return out;
}

}  // namespace e2e
