#include "sse_stream.h"

namespace mcp_server {
namespace {

constexpr const char* kEventStream = "text/event-stream";

bool Write(httplib::DataSink& sink, const std::string& text) {
  return sink.is_writable() && sink.write(text.data(), text.size());
}

}  // namespace

std::string SseEvent(const nlohmann::json& message) {
  return "data: " + message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

void ReplyWithStream(httplib::Response& res, RequestContext context, ClientRequests& requests,
                     std::function<nlohmann::json(RequestContext&)> handle,
                     std::shared_ptr<void> keep) {
  struct Call {
    RequestContext context;
    std::function<nlohmann::json(RequestContext&)> handle;
    std::shared_ptr<void> keep;
  };
  auto call = std::make_shared<Call>(Call{std::move(context), std::move(handle), std::move(keep)});
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      kEventStream, [call, &requests](std::size_t, httplib::DataSink& sink) {
        call->context.AttachStream(
            [&sink](const nlohmann::json& message) { return Write(sink, SseEvent(message)); },
            &requests);
        const nlohmann::json reply = call->handle(call->context);
        Write(sink, SseEvent(reply));
        sink.done();
        return true;
      });
}

void ServeSessionStream(httplib::Response& res, SessionOutbox& outbox, std::string session,
                        std::function<bool()> running, std::chrono::milliseconds heartbeat) {
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      kEventStream,
      [&outbox, session, running = std::move(running), heartbeat](std::size_t,
                                                                  httplib::DataSink& sink) {
        bool alive = Write(sink, ": stream open\n\n");
        while (alive && running() && outbox.IsOpen(session)) {
          const auto message = outbox.Next(session, heartbeat);
          alive = message ? Write(sink, SseEvent(*message)) : Write(sink, ": keep-alive\n\n");
        }
        sink.done();
        return true;
      },
      [&outbox, session](bool) { outbox.Close(session); });
}

}  // namespace mcp_server
