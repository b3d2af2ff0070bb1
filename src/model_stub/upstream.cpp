#include "upstream.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <string_view>
#include <utility>

#include "ascii.h"

namespace model_stub {
namespace {

constexpr int kPollMs = 50;

void EnsureCurlGlobalInit() {
  // curl_global_init is not thread-safe; requests arrive on many workers.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string_view TrimLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  return line;
}

}  // namespace

struct UpstreamTransfer::State {
  CURLM* multi = nullptr;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string body;  // the request body; libcurl reads it in place
  int status = 0;
  HeaderList headers;
  bool head_complete = false;
  bool finished = false;
  std::string error;
  std::string pending;  // body bytes not yet handed to the caller

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto& state = *static_cast<State*>(user);
    const std::string_view line = TrimLine({data, size * count});
    if (line.starts_with("HTTP/")) {
      // A new status line: 100 Continue or a new response; start over.
      state.headers.clear();
      const auto space = line.find(' ');
      state.status = space == std::string_view::npos ? 0 : std::atoi(line.data() + space + 1);
    } else if (line.empty()) {
      if (state.status >= 200) state.head_complete = true;
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
      state.headers.emplace_back(AsciiToLower(line.substr(0, colon)),
                                 std::string(StripSpaces(line.substr(colon + 1))));
    }
    return size * count;
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto& state = *static_cast<State*>(user);
    state.head_complete = true;
    state.pending.append(data, size * count);
    return size * count;
  }

  // One round of work: let libcurl move data, then wait up to `wait_ms` for
  // the sockets. Records the end of the transfer.
  void Step(int wait_ms) {
    if (finished) return;
    int running = 0;
    if (curl_multi_perform(multi, &running) != CURLM_OK) {
      Finish("curl_multi_perform failed");
      return;
    }
    if (running == 0) {
      int left = 0;
      const CURLMsg* message = curl_multi_info_read(multi, &left);
      const CURLcode result =
          message && message->msg == CURLMSG_DONE ? message->data.result : CURLE_FAILED_INIT;
      Finish(result == CURLE_OK ? "" : curl_easy_strerror(result));
      return;
    }
    curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
  }

  void Finish(std::string reason) {
    finished = true;
    error = std::move(reason);
  }
};

UpstreamTransfer::UpstreamTransfer(const UpstreamRequest& request)
    : state_(std::make_unique<State>()) {
  EnsureCurlGlobalInit();
  State& state = *state_;
  state.multi = curl_multi_init();
  state.easy = curl_easy_init();
  if (state.multi == nullptr || state.easy == nullptr) {
    state.Finish("curl_easy_init failed");
    return;
  }
  state.body = request.body;
  for (const auto& [name, value] : request.headers) {
    state.header_list = curl_slist_append(state.header_list, (name + ": " + value).c_str());
  }
  // Without this libcurl adds "Expect: 100-continue" to large bodies.
  state.header_list = curl_slist_append(state.header_list, "Expect:");
  CURL* easy = state.easy;
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "GET" && request.method != "HEAD") {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, state.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(state.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, state.header_list);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  // Signals cannot carry timeouts in a multi-threaded server.
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &State::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &state);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &State::OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &state);
  if (!request.ca_bundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, request.ca_bundle.c_str());
  if (curl_multi_add_handle(state.multi, easy) != CURLM_OK)
    state.Finish("curl_multi_add_handle failed");
}

UpstreamTransfer::~UpstreamTransfer() {
  State& state = *state_;
  if (state.multi != nullptr && state.easy != nullptr)
    curl_multi_remove_handle(state.multi, state.easy);
  if (state.easy != nullptr) curl_easy_cleanup(state.easy);
  if (state.multi != nullptr) curl_multi_cleanup(state.multi);
  curl_slist_free_all(state.header_list);
}

bool UpstreamTransfer::AwaitHead(const std::function<bool()>& should_stop) {
  State& state = *state_;
  while (!state.head_complete && !state.finished) {
    if (should_stop()) {
      state.Finish("the stub is stopping");
      return false;
    }
    state.Step(kPollMs);
  }
  return state.head_complete && state.status > 0;
}

int UpstreamTransfer::status() const { return state_->status; }

const HeaderList& UpstreamTransfer::headers() const { return state_->headers; }

std::string UpstreamTransfer::ReadSome(std::chrono::milliseconds slice) {
  State& state = *state_;
  const auto deadline = std::chrono::steady_clock::now() + slice;
  while (state.pending.empty() && !state.finished) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    state.Step(static_cast<int>(std::min<long long>(left.count(), kPollMs)));
  }
  return std::exchange(state.pending, std::string());
}

bool UpstreamTransfer::finished() const { return state_->finished && state_->pending.empty(); }

const std::string& UpstreamTransfer::error() const { return state_->error; }

}  // namespace model_stub
