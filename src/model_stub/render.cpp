#include "render.h"

#include <memory>
#include <string>

#include "ascii.h"

namespace model_stub {

void Render(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  std::string content_type;
  for (const auto& [name, value] : reply.headers) {
    if (EqualsIgnoreCase(name, "content-type")) {
      content_type = value;
    } else {
      res.set_header(name, value);
    }
  }
  if (reply.raw) {
    res.set_content(*reply.raw, content_type.empty() ? "application/json" : content_type);
    return;
  }
  if (!reply.sse) {
    res.set_content(Dump(reply.body), content_type.empty() ? "application/json" : content_type);
    return;
  }
  auto stream = std::make_shared<std::string>();
  for (const auto& event : reply.events) *stream += FormatSse(event);
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      content_type.empty() ? "text/event-stream" : content_type,
      [stream](std::size_t offset, httplib::DataSink& sink) {
        if (offset < stream->size() &&
            !sink.write(stream->data() + offset, stream->size() - offset)) {
          return false;
        }
        sink.done();
        return true;
      });
}

}  // namespace model_stub
