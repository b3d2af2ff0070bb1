// The reaper sidecar and the signal teardown (e2e/session_guard.h) against the
// real engine, with real processes: session_holder (a stand-in for a test
// process) brings a stack up, then the test kills it, signals it or lets it
// exit, and checks what is left. Each holder runs in its own session (setsid),
// so a signal sent to its process group reaches it as Ctrl-C would.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

#include "e2e/reaper.h"
#include "e2e/wait.h"
#include "engine.h"

namespace {

using integration::Engine;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

docker::Filters LabelFilter(const std::string& label, const std::string& value) {
  return {{"label", {label + "=" + value}}};
}

// Containers, volumes and networks labelled `label`=`value`.
size_t CountLabelled(const std::string& label, const std::string& value) {
  const docker::Filters filters = LabelFilter(label, value);
  return Engine().ListContainers(filters).size() + Engine().ListVolumes(filters).size() +
         Engine().ListNetworks(filters).size();
}

bool ReaperExists(const std::string& session) {
  return !Engine().ListContainers(LabelFilter(e2e::kReaperLabel, session)).empty();
}

// A running session_holder. Killed with its process group when destroyed.
class Holder {
 public:
  // Starts `session_holder stacks/two_services.yml ARGS...` with `env` added
  // and waits until its stack is up.
  explicit Holder(const std::vector<std::string>& args = {},
                  const std::vector<std::string>& env = {}) {
    int to_child[2];
    int from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0)
      throw std::runtime_error("pipe2 failed");
    std::vector<std::string> argv = {E2E_SESSION_HOLDER,
                                     std::string(E2E_STACKS_DIR) + "/two_services.yml"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setsid();
      ::dup2(to_child[0], STDIN_FILENO);
      ::dup2(from_child[1], STDOUT_FILENO);
      for (const std::string& assignment : env) ::putenv(const_cast<char*>(assignment.c_str()));
      std::vector<char*> raw;
      for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
      raw.push_back(nullptr);
      ::execv(raw[0], raw.data());
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
    ReadReadyLine();
  }
  ~Holder() {
    if (stdin_ >= 0) ::close(stdin_);
    if (stdout_ >= 0) ::close(stdout_);
    if (pid_ > 0) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Holder(const Holder&) = delete;
  Holder& operator=(const Holder&) = delete;

  const std::string& session() const { return session_; }
  const std::string& stack() const { return stack_; }

  // Sends `signal` to the holder alone, or to its whole process group.
  void Signal(int signal, bool group = false) const { ::kill(group ? -pid_ : pid_, signal); }
  // Closes its stdin: it then exits normally.
  void CloseStdin() {
    ::close(stdin_);
    stdin_ = -1;
  }
  // Waits (bounded) for it to end; its wait status.
  int AwaitExit(milliseconds timeout = seconds(60)) {
    int status = -1;
    const bool ended = e2e::Eventually(
        "session_holder to exit", [&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; },
        timeout);
    if (!ended) throw std::runtime_error("session_holder did not exit");
    pid_ = -1;
    return status;
  }

 private:
  void ReadReadyLine() {
    std::string line;
    const auto deadline = Clock::now() + seconds(120);
    while (line.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      pollfd ready{.fd = stdout_, .events = POLLIN};
      if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0)
        throw std::runtime_error("session_holder did not bring its stack up in time");
      char buffer[256];
      const ssize_t n = ::read(stdout_, buffer, sizeof(buffer));
      if (n <= 0) throw std::runtime_error("session_holder exited before its stack was up");
      line.append(buffer, static_cast<size_t>(n));
    }
    std::istringstream words(line);
    std::string ready;
    words >> ready >> session_ >> stack_;
    if (ready != "READY") throw std::runtime_error("session_holder said: " + line);
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  std::string session_;
  std::string stack_;
};

constexpr size_t kStackResources = 4;  // two_services.yml: 2 containers, a volume, a network
const std::string kShortGrace = "E2E_REAPER_GRACE_SECONDS=1";

TEST(SessionGuard, AKilledProcessLeavesNothingLabelledWithin15Seconds) {
  Holder holder;  // the default grace, 10 s
  ASSERT_EQ(CountLabelled(e2e::kSessionLabel, holder.session()), kStackResources);
  ASSERT_TRUE(ReaperExists(holder.session()));

  holder.Signal(SIGKILL);
  holder.AwaitExit();
  const auto killed = Clock::now();
  EXPECT_TRUE(e2e::Eventually(
      "nothing labelled e2e.session=" + holder.session() + " and its reaper gone",
      [&](std::string& seen) {
        const size_t left = CountLabelled(e2e::kSessionLabel, holder.session());
        const bool reaper = ReaperExists(holder.session());
        seen = std::to_string(left) + " resources, reaper " + (reaper ? "running" : "gone");
        return left == 0 && !reaper;
      },
      seconds(15)));
  RecordProperty(
      "reaped_after_ms",
      std::to_string(std::chrono::duration_cast<milliseconds>(Clock::now() - killed).count()));
}

class SessionGuardSignal : public ::testing::TestWithParam<int> {};

TEST_P(SessionGuardSignal, RemovesTheStackBeforeTheProcessExits) {
  const int signal = GetParam();
  Holder holder;
  ASSERT_EQ(CountLabelled(e2e::kSessionLabel, holder.session()), kStackResources);

  holder.Signal(signal, /*group=*/true);  // as a terminal's Ctrl-C, or a CI cancel
  const int status = holder.AwaitExit();

  ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status)
                                 << " without its teardown";
  EXPECT_EQ(WEXITSTATUS(status), 128 + signal);
  EXPECT_EQ(CountLabelled(e2e::kSessionLabel, holder.session()), 0u)
      << "left when the process had exited";
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, SessionGuardSignal, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& signal) {
                           return std::string(::sigabbrev_np(signal.param));
                         });

TEST(SessionGuard, ALiveRunIsNotReapedWhenAnotherRunIsKilled) {
  Holder killed({}, {kShortGrace});
  Holder live({}, {kShortGrace});

  killed.Signal(SIGKILL);
  killed.AwaitExit();
  ASSERT_TRUE(e2e::Eventually(
      "the killed run's reaper to finish",
      [&] {
        return CountLabelled(e2e::kSessionLabel, killed.session()) == 0 &&
               !ReaperExists(killed.session());
      },
      seconds(15)));

  EXPECT_EQ(CountLabelled(e2e::kSessionLabel, live.session()), kStackResources);
  EXPECT_EQ(Engine().ListContainers(LabelFilter(e2e::kStackLabel, live.stack()), false).size(), 2u)
      << "the live run's containers should still run";
  EXPECT_TRUE(ReaperExists(live.session()));

  live.CloseStdin();  // a normal exit tears its stack down
  EXPECT_TRUE(WIFEXITED(live.AwaitExit()));
  EXPECT_EQ(CountLabelled(e2e::kSessionLabel, live.session()), 0u);
  EXPECT_TRUE(e2e::Eventually(
      "the live run's reaper to end after it exited", [&] { return !ReaperExists(live.session()); },
      seconds(15)));
}

// Runs e2e-reap with `args`; its exit status and output.
std::pair<int, std::string> RunReapTool(const std::string& args) {
  std::FILE* pipe = ::popen((std::string(E2E_REAP_TOOL) + " " + args + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr) output += buffer;
  return {::pclose(pipe), output};
}

TEST(SessionGuard, AKeptStackOutlivesItsReaperUntilRemovedByHand) {
  Holder holder({"--keep"}, {kShortGrace});
  holder.CloseStdin();  // exits leaving the stack up, kept
  ASSERT_TRUE(WIFEXITED(holder.AwaitExit()));
  ASSERT_TRUE(e2e::Eventually(
      "the reaper to finish", [&] { return !ReaperExists(holder.session()); }, seconds(15)));

  EXPECT_EQ(CountLabelled(e2e::kStackLabel, holder.stack()), kStackResources)
      << "the reaper removed a kept stack";
  EXPECT_TRUE(e2e::KeptStacks(Engine()).count(holder.stack()));

  const auto [status, output] = RunReapTool("--stack " + holder.stack());
  EXPECT_EQ(status, 0) << output;
  integration::ExpectNothingLeft(holder.stack());
  EXPECT_FALSE(e2e::KeptStacks(Engine()).count(holder.stack())) << "its kept mark remains";
}

// Removing every kept stack for real would take other runs' kept stacks on a
// shared daemon too: --kept is checked with --dry_run.
TEST(SessionGuard, ReapToolFindsEveryKeptStackWithKept) {
  Holder holder({"--keep"}, {kShortGrace});
  Holder not_kept;
  holder.CloseStdin();
  ASSERT_TRUE(WIFEXITED(holder.AwaitExit()));

  const auto [status, output] = RunReapTool("--kept --dry_run");
  EXPECT_EQ(status, 0) << output;
  EXPECT_THAT(output, ::testing::HasSubstr("e2e_" + holder.stack() + "-db"));
  EXPECT_THAT(output, ::testing::Not(::testing::HasSubstr("e2e_" + not_kept.stack())));

  EXPECT_EQ(RunReapTool("--stack " + holder.stack()).first, 0);
  integration::ExpectNothingLeft(holder.stack());
}

}  // namespace
