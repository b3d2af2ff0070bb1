#include "passthrough.h"

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <memory>
#include <string_view>

#include "ascii.h"

namespace model_stub {
namespace {

constexpr std::array<std::string_view, 10> kNotForwarded = {
    "host", "content-length", "connection", "keep-alive",      "transfer-encoding",
    "te",   "upgrade",        "expect",     "accept-encoding", "proxy-connection"};
constexpr std::array<std::string_view, 5> kNotPassedBack = {
    "content-length", "connection", "keep-alive", "transfer-encoding", "content-type"};
constexpr std::size_t kMaxRecordedBody = 64U << 20U;
// How long one content-provider call waits for upstream bytes before
// returning to httplib (which then checks the client is still there).
constexpr std::chrono::milliseconds kReadSlice{200};

template <std::size_t N>
bool IsOneOf(std::string_view name, const std::array<std::string_view, N>& names) {
  for (const auto candidate : names) {
    if (EqualsIgnoreCase(name, candidate)) return true;
  }
  return false;
}

std::string ContentTypeOf(const HeaderList& headers) {
  for (const auto& [name, value] : headers) {
    if (name == "content-type") return value;
  }
  return "application/octet-stream";
}

// The upstream transfer and the copy of its body kept for the recording;
// owned by the content provider, so it lives as long as httplib streams.
struct Stream {
  std::unique_ptr<UpstreamTransfer> transfer;
  PassThroughHooks hooks;
  std::string recorded;
  bool completed = false;

  void Complete() {
    if (completed) return;
    completed = true;
    if (!transfer->error().empty()) {
      spdlog::warn("pass-through: the upstream answer was cut off: {}", transfer->error());
    }
    if (hooks.on_complete) hooks.on_complete(transfer->status(), transfer->headers(), recorded);
  }

  // One content-provider call: hands over what arrived within a slice.
  bool Pump(httplib::DataSink& sink) {
    if (hooks.should_stop()) return false;
    const std::string bytes = transfer->ReadSome(kReadSlice);
    if (recorded.size() < kMaxRecordedBody) recorded += bytes;
    if (!bytes.empty() && !sink.write(bytes.data(), bytes.size())) return false;
    if (!transfer->finished()) return true;
    Complete();
    if (!transfer->error().empty()) return false;  // the client sees the stream cut off too
    sink.done();
    return true;
  }
};

}  // namespace

HeaderList ForwardedHeaders(const httplib::Headers& headers) {
  HeaderList forwarded;
  for (const auto& [name, value] : headers) {
    if (IsPeerPseudoHeader(name) || IsOneOf(name, kNotForwarded) ||
        StartsWithIgnoreCase(name, "proxy-")) {
      continue;
    }
    forwarded.emplace_back(name, value);
  }
  return forwarded;
}

int PassThrough(const UpstreamRequest& upstream, Provider provider, httplib::Response& res,
                PassThroughHooks hooks) {
  auto stream = std::make_shared<Stream>();
  stream->transfer = std::make_unique<UpstreamTransfer>(upstream);
  stream->hooks = std::move(hooks);
  if (!stream->transfer->AwaitHead(stream->hooks.should_stop)) {
    // Not the query: a Gemini key may be in it, and this goes to the log.
    const std::string url = upstream.url.substr(0, upstream.url.find('?'));
    const std::string message =
        "model-stub pass-through: no answer from " + url + ": " + stream->transfer->error();
    spdlog::warn("{}", message);
    res.status = 502;
    res.set_content(Dump(ErrorBody(provider, 502, message)), "application/json");
    return 502;
  }
  res.status = stream->transfer->status();
  for (const auto& [name, value] : stream->transfer->headers()) {
    if (!IsOneOf(name, kNotPassedBack)) res.set_header(name, value);
  }
  res.set_chunked_content_provider(
      ContentTypeOf(stream->transfer->headers()),
      [stream](std::size_t, httplib::DataSink& sink) { return stream->Pump(sink); },
      // A client gone mid-stream still leaves a (partial) recording.
      [stream](bool) { stream->Complete(); });
  return res.status;
}

}  // namespace model_stub
