// /containers/{id}/exec and /exec endpoints.
//
// Two things the Engine API does not offer without hijacking the connection
// (a raw bidirectional socket after `Connection: Upgrade`), done instead with
// plain requests, so they also work over TLS and through libcurl's pool:
//  * stdin: the input is copied into the container (PUT /archive) as
//    /tmp/.e2e-stdin-<token> and the command runs as
//    `sh -c 'exec "$@" < FILE' sh CMD...`; the file is removed afterwards by a
//    root exec. Needs /bin/sh and a writable /tmp.
//  * kill on timeout: the API has no "kill exec". Every exec gets
//    E2E_EXEC_TOKEN=<token> in its environment, which its children inherit.
//    On timeout a second exec, as the same user (so it may read their
//    /proc/PID/environ and signal them), SIGKILLs every process carrying the
//    token. GET /exec/{id}/json's Pid is a host pid, useless inside the
//    container's pid namespace, hence the marker. Needs /bin/sh and grep.
#include <algorithm>
#include <chrono>
#include <random>

#include "docker/client.h"
#include "docker/stream_demuxer.h"
#include "docker/tar_writer.h"
#include "json_util.h"
#include "poll_until.h"
#include "transport.h"

namespace docker {
namespace {

using Clock = std::chrono::steady_clock;

constexpr Milliseconds kHelperTimeout{10000};  // the kill and cleanup execs

std::string Describe(const std::vector<std::string>& cmd) {
  std::string text;
  for (const auto& arg : cmd) text += (text.empty() ? "" : " ") + arg;
  return text.size() > 200 ? text.substr(0, 200) + "..." : text;
}

std::string Tail(const std::string& text, size_t n = 2000) {
  return text.size() > n ? "..." + text.substr(text.size() - n) : text;
}

std::string NewToken() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token(20, '0');
  for (char& c : token) c = kHex[random() % 16];
  return token;
}

}  // namespace

ExecResult Client::Exec(const std::string& container_id, const ExecOptions& options) {
  const std::string token = NewToken();
  if (!options.input) return ExecOnce(container_id, options, token);

  const std::string file = "/tmp/.e2e-stdin-" + token;
  auto tar = TarWriter::ToMemory();
  tar.AddFile(file.substr(5), *options.input, 0644);  // readable by a non-root exec user
  tar.Finish();
  PutArchive(container_id, "/tmp", tar.TakeBytes());
  // Removed as root: /tmp is sticky and the file is root's.
  struct Cleanup {
    Client* client;
    const std::string& container;
    const std::string& file;
    ~Cleanup() {
      try {
        client->ExecOnce(container,
                         {.cmd = {"rm", "-f", file}, .user = "0", .timeout = kHelperTimeout}, "");
      } catch (const Error&) {
        // The container may be gone already; nothing is left behind then.
      }
    }
  } cleanup{this, container_id, file};

  ExecOptions wrapped = options;
  wrapped.cmd = {"sh", "-c", "exec \"$@\" < " + file, "sh"};
  wrapped.cmd.insert(wrapped.cmd.end(), options.cmd.begin(), options.cmd.end());
  try {
    return ExecOnce(container_id, wrapped, token);
  } catch (Timeout& e) {
    throw Timeout(e.method(), e.path(), e.status(),
                  "(stdin given through " + file + ") " + e.daemon_message());
  }
}

ExecResult Client::ExecOnce(const std::string& container_id, const ExecOptions& options,
                            const std::string& token) {
  const auto started = Clock::now();
  const auto deadline = started + options.timeout;
  auto remaining = [&] {
    return std::max(Milliseconds(1),
                    std::chrono::duration_cast<Milliseconds>(deadline - Clock::now()));
  };

  nlohmann::json create = {
      {"AttachStdout", true}, {"AttachStderr", true}, {"Tty", false}, {"Cmd", options.cmd}};
  std::vector<std::string> env = options.env;
  if (!token.empty()) env.push_back("E2E_EXEC_TOKEN=" + token);
  if (!env.empty()) create["Env"] = env;
  if (!options.user.empty()) create["User"] = options.user;
  if (!options.working_dir.empty()) create["WorkingDir"] = options.working_dir;
  const std::string exec_id = StringOr(SendJson({.method = "POST",
                                                 .path = "/containers/" + container_id + "/exec",
                                                 .body = create.dump(),
                                                 .timeout = remaining()}),
                                       "Id");

  ExecResult result;
  bool forward = static_cast<bool>(options.on_output);
  StreamDemuxer demuxer([&](StreamKind kind, std::string_view bytes) {
    (kind == StreamKind::kStdout ? result.output.out : result.output.err).append(bytes);
    if (forward) forward = options.on_output(kind, bytes);
  });
  const std::string what = "exec `" + Describe(options.cmd) + "` in " + container_id.substr(0, 12);
  try {
    // Without a TTY the answer is the multiplexed output, read to EOF.
    Send({.method = "POST",
          .path = "/exec/" + exec_id + "/start",
          .body = R"({"Detach":false,"Tty":false})",
          .timeout = remaining(),
          .on_data =
              [&](std::string_view chunk) {
                demuxer.Feed(chunk);
                return true;
              }},
         {200});
  } catch (const Timeout& e) {
    const std::string fate = token.empty() ? "it runs on until its container is removed"
                                           : KillExec(container_id, options.user, token);
    throw Timeout(e.method(), e.path(), 0,
                  what + " did not finish within " + std::to_string(options.timeout.count()) +
                      " ms; " + fate + ". stdout so far: " + Tail(result.output.out) +
                      "\nstderr so far: " + Tail(result.output.err));
  }

  // The stream ends a moment before the daemon records the exit code: poll until it has.
  const auto exited = [&] {
    auto json =
        SendJson({.method = "GET", .path = "/exec/" + exec_id + "/json", .timeout = remaining()});
    if (json.value("Running", false)) return false;
    result.exit_code = json.value("ExitCode", -1);
    return true;
  };
  bool recorded = false;
  try {
    recorded =
        support::PollUntil(deadline, exited, support::Backoff(Milliseconds(2), Milliseconds(100)));
  } catch (const Timeout&) {
    // A poll cut short by the deadline: the same outcome as one that saw it still running.
  }
  if (!recorded) {
    throw Timeout("GET", "/exec/" + exec_id + "/json", 0,
                  what + ": output ended but the process was still running at the deadline");
  }
  result.duration = std::chrono::duration_cast<Milliseconds>(Clock::now() - started);
  return result;
}

std::string Client::KillExec(const std::string& container_id, const std::string& user,
                             const std::string& token) {
  // grep -q matches inside the NUL-separated environ; the killer's own
  // environment lacks the token (it is only on its command line).
  const std::string script =
      "for p in /proc/[0-9]*; do "
      "if grep -q 'E2E_EXEC_TOKEN=" +
      token +
      "' \"$p/environ\" 2>/dev/null; then "
      "kill -KILL \"${p#/proc/}\" 2>/dev/null && echo \"${p#/proc/}\"; fi; done";
  try {
    const ExecResult killer = ExecOnce(
        container_id, {.cmd = {"sh", "-c", script}, .user = user, .timeout = kHelperTimeout}, "");
    if (killer.exit_code != 0 && killer.output.out.empty()) {
      return "could not kill it (killer exited " + std::to_string(killer.exit_code) + ": " +
             Tail(killer.output.err, 300) + "); it runs on until its container is removed";
    }
    std::string pids = killer.output.out;
    std::replace(pids.begin(), pids.end(), '\n', ' ');
    while (!pids.empty() && pids.back() == ' ') pids.pop_back();
    return pids.empty() ? "found no process of it left to kill"
                        : "killed it with SIGKILL (pids in the container: " + pids + ")";
  } catch (const Error& e) {
    return std::string("could not kill it (") + e.what() +
           "); it runs on until its container is removed";
  }
}

}  // namespace docker
