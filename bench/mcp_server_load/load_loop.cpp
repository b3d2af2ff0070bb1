#include "load_loop.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace mcp_load {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kProtocolVersion = "2025-06-18";

size_t Append(char* data, size_t size, size_t count, void* into) {
  static_cast<std::string*>(into)->append(data, size * count);
  return size * count;
}

// One simulated client: its connection (the easy handle keeps it alive
// between requests), its session, and where it is in its operation.
struct Client {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string request_body;
  std::string response_body;
  std::string session;
  const Step* configured_for = nullptr;  // the step the handle's URL and headers are set for
  std::string configured_session;        // ... and the session they carry
  const std::vector<Step>* steps = nullptr;
  size_t step = 0;
  int next_id = 1;
  bool failed = false;  // this operation has a failed step
  bool idle = false;    // its preparation failed: it takes no part in the timed load
  Clock::time_point operation_started;
};

class Loop {
 public:
  explicit Loop(const LoadOptions& options) : options_(options), multi_(curl_multi_init()) {
    if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
    clients_.resize(static_cast<size_t>(options.clients));
    for (Client& client : clients_) {
      client.easy = curl_easy_init();
      if (client.easy == nullptr) throw std::runtime_error("curl_easy_init failed");
      curl_easy_setopt(client.easy, CURLOPT_WRITEFUNCTION, &Append);
      curl_easy_setopt(client.easy, CURLOPT_WRITEDATA, &client.response_body);
      curl_easy_setopt(client.easy, CURLOPT_TIMEOUT_MS,
                       static_cast<long>(options.request_timeout.count()));
      curl_easy_setopt(client.easy, CURLOPT_TCP_NODELAY, 1L);
      curl_easy_setopt(client.easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(client.easy, CURLOPT_PRIVATE, &client);
    }
  }
  ~Loop() {
    for (Client& client : clients_) {
      curl_multi_remove_handle(multi_, client.easy);
      curl_easy_cleanup(client.easy);
      curl_slist_free_all(client.headers);
    }
    curl_multi_cleanup(multi_);
  }
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // Each client runs `steps` once; a client whose run fails becomes idle.
  int Prepare(const std::vector<Step>& steps) {
    if (steps.empty()) return 0;
    timed_ = false;
    for (Client& client : clients_) BeginOperation(client, steps);
    Pump();
    int failures = 0;
    for (Client& client : clients_) failures += client.idle ? 1 : 0;
    return failures;
  }

  LoadResult Run(const std::vector<Step>& steps) {
    timed_ = true;
    issued_ = 0;
    started_ = Clock::now();
    deadline_ = started_ + options_.duration;
    for (Client& client : clients_) {
      if (!client.idle && MayBeginAnother()) BeginOperation(client, steps);
    }
    Pump();
    result_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    std::sort(result_.latencies_ms.begin(), result_.latencies_ms.end());
    return std::move(result_);
  }

 private:
  bool MayBeginAnother() const {
    return issued_ < options_.max_operations && Clock::now() < deadline_;
  }

  void BeginOperation(Client& client, const std::vector<Step>& steps) {
    ++issued_;
    client.steps = &steps;
    client.step = 0;
    client.failed = false;
    client.operation_started = Clock::now();
    StartStep(client);
  }

  void StartStep(Client& client) {
    const Step& step = (*client.steps)[client.step];
    client.response_body.clear();
    CURL* easy = client.easy;
    // The same step with the same session again (a section's steady state):
    // only the body changes, so the URL and headers are not set up anew.
    // Keeps the load generator's own CPU per request low.
    const bool same_as_last =
        client.configured_for == &step && client.configured_session == client.session;
    if (!same_as_last) {
      Configure(client, step);
      client.configured_for = &step;
      client.configured_session = client.session;
    }
    if (step.method == Step::Method::kPost) {
      client.request_body = step.body ? step.body(client.next_id++) : std::string();
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(client.request_body.size()));
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, client.request_body.data());
    }
    curl_multi_add_handle(multi_, easy);
  }

  void Configure(Client& client, const Step& step) {
    CURL* easy = client.easy;
    curl_easy_setopt(easy, CURLOPT_URL, (options_.base_url + step.path).c_str());
    curl_slist_free_all(client.headers);
    client.headers = nullptr;
    const auto add = [&client](const std::string& header) {
      client.headers = curl_slist_append(client.headers, header.c_str());
    };
    add("Accept: application/json, text/event-stream");
    add("Expect:");  // no 100-continue round trip
    if (step.sends_session) {
      add("Mcp-Session-Id: " + client.session);
      add(std::string("MCP-Protocol-Version: ") + kProtocolVersion);
    }
    switch (step.method) {
      case Step::Method::kGet:
      case Step::Method::kDelete:
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST,
                         step.method == Step::Method::kDelete ? "DELETE" : nullptr);
        break;
      case Step::Method::kPost:
        add("Content-Type: application/json");
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, nullptr);
        break;
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, client.headers);
  }

  // Judges a finished exchange: transport, status and, for a JSON-RPC
  // request answered 200, a result that is not a tool error.
  void Finish(Client& client, CURLcode code) {
    const Step& step = (*client.steps)[client.step];
    long status = 0;
    curl_easy_getinfo(client.easy, CURLINFO_RESPONSE_CODE, &status);
    std::string problem;
    if (code != CURLE_OK) {
      problem = fmt::format("{}: {}", step.path, curl_easy_strerror(code));
    } else if (status != step.expect_status) {
      problem = fmt::format("{}: status {} (expected {}): {}", step.path, status,
                            step.expect_status, client.response_body.substr(0, 200));
    } else if (step.method == Step::Method::kPost && status == 200 &&
               (client.response_body.find("\"result\"") == std::string::npos ||
                client.response_body.find("\"isError\":true") != std::string::npos)) {
      problem = fmt::format("{}: not a result: {}", step.path, client.response_body.substr(0, 200));
    }
    if (problem.empty() && step.takes_session) {
      curl_header* header = nullptr;
      if (curl_easy_header(client.easy, "Mcp-Session-Id", 0, CURLH_HEADER, -1, &header) ==
          CURLHE_OK) {
        client.session = header->value;
      } else {
        problem = step.path + ": no Mcp-Session-Id in the reply";
      }
    }
    if (!problem.empty()) {
      client.failed = true;
      if (result_.first_error.empty()) result_.first_error = problem;
    }
    ++client.step;
    if (!client.failed && client.step < client.steps->size()) {
      StartStep(client);
      return;
    }
    EndOperation(client);
  }

  void EndOperation(Client& client) {
    if (!timed_) {
      client.idle = client.failed;
      return;
    }
    ++result_.operations;
    if (client.failed) ++result_.errors;
    result_.latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - client.operation_started).count());
    if (MayBeginAnother()) BeginOperation(client, *client.steps);
  }

  // Runs until no transfer is left. Bounded: every transfer has a timeout
  // and no operation begins after the deadline.
  void Pump() {
    int running = 1;
    while (running > 0) {
      curl_multi_perform(multi_, &running);
      int left = 0;
      bool restarted = false;
      while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
        if (message->msg != CURLMSG_DONE) continue;
        Client* client = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &client);
        const CURLcode code = message->data.result;
        curl_multi_remove_handle(multi_, message->easy_handle);
        Finish(*client, code);
        restarted = true;
      }
      if (restarted) {
        running = 1;  // a new transfer may have been added: perform again before judging
        continue;
      }
      if (running > 0) curl_multi_poll(multi_, nullptr, 0, 100, nullptr);
    }
  }

  const LoadOptions& options_;
  CURLM* multi_;
  std::vector<Client> clients_;
  bool timed_ = false;
  int issued_ = 0;
  Clock::time_point started_;
  Clock::time_point deadline_;
  LoadResult result_;
};

}  // namespace

LoadResult RunLoad(const LoadOptions& options, const Workload& workload) {
  Loop loop(options);
  const int prepare_errors = loop.Prepare(workload.prepare);
  LoadResult result = loop.Run(workload.operation);
  result.prepare_errors = prepare_errors;
  return result;
}

}  // namespace mcp_load
