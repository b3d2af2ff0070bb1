#include "echo.h"

#include <fmt/format.h>

#include "markers.h"
#include "schema_value.h"

namespace model_stub {

std::string EchoAnswer(const Json& request, std::string_view model, long input_tokens,
                       const AnswerFormat& format) {
  const auto markers = CollectMarkers(request);
  if (format.json) {
    if (format.schema.is_object()) return Dump(SchemaValue(format.schema, markers));
    return Dump(Json{{"facts", markers}});
  }
  return fmt::format("[{}] facts: {} | input_tokens: {}", model, JoinMarkers(markers),
                     input_tokens);
}

}  // namespace model_stub
