// /containers/{id}/exec and /exec endpoints.
#include <algorithm>
#include <chrono>
#include <thread>

#include "docker/client.h"
#include "docker/stream_demuxer.h"
#include "json_util.h"
#include "transport.h"

namespace docker {
namespace {

using Clock = std::chrono::steady_clock;

std::string Describe(const std::vector<std::string>& cmd) {
  std::string text;
  for (const auto& arg : cmd) text += (text.empty() ? "" : " ") + arg;
  return text.size() > 200 ? text.substr(0, 200) + "..." : text;
}

std::string Tail(const std::string& text, size_t n = 2000) {
  return text.size() > n ? "..." + text.substr(text.size() - n) : text;
}

}  // namespace

ExecResult Client::Exec(const std::string& container_id, const ExecOptions& options) {
  const auto started = Clock::now();
  const auto deadline = started + options.timeout;
  auto remaining = [&] {
    return std::max(Milliseconds(1),
                    std::chrono::duration_cast<Milliseconds>(deadline - Clock::now()));
  };

  nlohmann::json create = {{"AttachStdout", true}, {"AttachStderr", true},
                           {"Tty", false},         {"Cmd", options.cmd}};
  if (!options.env.empty()) create["Env"] = options.env;
  if (!options.user.empty()) create["User"] = options.user;
  if (!options.working_dir.empty()) create["WorkingDir"] = options.working_dir;
  auto created = Send({.method = "POST",
                       .path = "/containers/" + container_id + "/exec",
                       .body = create.dump(),
                       .timeout = remaining()});
  const std::string exec_id = nlohmann::json::parse(created.body).at("Id").get<std::string>();

  ExecResult result;
  StreamDemuxer demuxer([&](StreamKind kind, std::string_view bytes) {
    (kind == StreamKind::kStdout ? result.output.out : result.output.err).append(bytes);
  });
  const std::string what = "exec `" + Describe(options.cmd) + "` in " + container_id.substr(0, 12);
  try {
    // Without a TTY the answer is the multiplexed output, read to EOF.
    Send({.method = "POST",
          .path = "/exec/" + exec_id + "/start",
          .body = R"({"Detach":false,"Tty":false})",
          .timeout = remaining(),
          .on_data = [&](std::string_view chunk) { demuxer.Feed(chunk); }},
         {200});
  } catch (const Timeout& e) {
    throw Timeout(e.method(), e.path(), 0,
                  what + " did not finish within " + std::to_string(options.timeout.count()) +
                      " ms; it runs on until its container is removed. stdout so far: " +
                      Tail(result.output.out) + "\nstderr so far: " + Tail(result.output.err));
  }

  // The stream ends a moment before the daemon records the exit code: poll with backoff.
  auto pause = Milliseconds(2);
  while (true) {
    auto json = nlohmann::json::parse(
        Send({.method = "GET", .path = "/exec/" + exec_id + "/json", .timeout = remaining()}).body);
    if (!json.value("Running", false)) {
      result.exit_code = json.value("ExitCode", -1);
      break;
    }
    if (Clock::now() + pause >= deadline) {
      throw Timeout("GET", "/exec/" + exec_id + "/json", 0,
                    what + ": output ended but the process was still running at the deadline");
    }
    std::this_thread::sleep_for(pause);  // poll backoff
    pause = std::min(pause * 2, Milliseconds(100));
  }
  result.duration = std::chrono::duration_cast<Milliseconds>(Clock::now() - started);
  return result;
}

}  // namespace docker
