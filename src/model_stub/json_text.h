#pragma once
// The JSON type of the stub and the few walks over it that several providers
// share. ordered_json keeps keys in document order, so "order of first
// appearance" means what a reader of the request sees, and responses keep the
// field order of the real APIs.

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace model_stub {

using Json = nlohmann::ordered_json;

// Calls `visit` with every string value in `value` (not object keys), depth
// first, in document order.
void ForEachString(const Json& value, const std::function<void(const std::string&)>& visit);

// Number of Unicode code points in UTF-8 `text` (bytes that are not
// continuation bytes), so multi-byte characters count once.
std::size_t CountChars(std::string_view text);

// Characters (code points) of every string value in `value`.
std::size_t StringChars(const Json& value);

// The stub's token count: characters / 4.
long TokensOfChars(std::size_t chars);

// Tokens of a plain text: CountChars(text) / 4.
long TokensOfText(std::string_view text);

// At most `max_chars` code points from the start of `text`, never splitting a
// multi-byte character.
std::string PrefixChars(std::string_view text, std::size_t max_chars);

// object[key] when `object` is an object and that member is a string, else "".
// Requests are untrusted: a wrong type must not throw.
std::string StringField(const Json& object, std::string_view key);

// object[key] when present, else null; never throws.
const Json& Field(const Json& object, std::string_view key);

// `value` serialised compactly; invalid UTF-8 (possible in raw bodies kept by
// the journal) is replaced instead of throwing.
std::string Dump(const Json& value);

// Parses `text` without throwing; a discarded value when it is not JSON.
Json ParseOrDiscarded(std::string_view text);

}  // namespace model_stub
