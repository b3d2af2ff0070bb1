#include "e2e/stack_test.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "e2e/paths.h"
#include "e2e/reaper.h"

namespace e2e {
namespace {

std::string CurrentTestName() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() : "unknown";
}

// A test name as a folder name (parameterised tests contain '/').
std::string FolderName(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  }
  return name;
}

// "create mcp-server" -> "e2e.step.create.mcp-server": a JUnit property name.
std::string PropertyName(const std::string& step) {
  std::string name = "e2e.step." + step;
  for (char& c : name) {
    if (c == ' ') c = '.';
  }
  return name;
}

// One line per step, "<test>\t<step>\t<ms>", appended in one write so that
// test processes running at once do not interleave their lines.
void AppendToTimingsFile(const std::string& test, const std::vector<Step>& steps) {
  const std::string path = TimingsFile();
  std::string lines;
  for (const Step& step : steps) {
    lines += fmt::format("{}\t{}\t{}\n", test, step.name, step.duration.count());
  }
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0 || ::write(fd, lines.data(), lines.size()) != static_cast<ssize_t>(lines.size())) {
    fmt::print(stderr, "[e2e] could not append step timings to {}\n", path);
  }
  if (fd >= 0) ::close(fd);
}

}  // namespace

docker::Client& StackTest::docker() {
  static docker::Client client;
  return client;
}

StackOptions StackTest::MakeOptions() const {
  // The image manifest only where the environment names no image: an
  // MCP_SERVER_IMAGE set by the user is the image that runs.
  StackOptions options{.compose_file = ComposeFile(),
                       .test_name = CurrentTestName(),
                       .fallback_variables = ImageVariables()};
  options.variables.merge(LiveStackVariables(answers_));
  return options;
}

void StackTest::SetUp() {
  live_ = ReadLiveSettings();
  if (live_.live) {
    if (auto missing = MissingCredentials(Providers()); !missing.empty()) GTEST_SKIP() << missing;
  }
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    cassette_ = CassettePath(info->test_suite_name(), info->name());
  }
  answers_ = ChooseStubAnswers(live_, !cassette_.empty() && std::filesystem::exists(cassette_));
  // Owned before Up(), so TearDown removes whatever Up() created before failing.
  stack_ = std::make_unique<Stack>(docker(), MakeOptions());
  stack_->Up();
  roles_ = Roles();
  ConnectRoles();
  StartAnswering();
}

StackRoles StackTest::Roles() { return stack_->spec().roles; }

void StackTest::ConnectRoles() {
  if (!roles_.provider_stub.service.empty()) {
    stub_ = std::make_unique<ModelStubClient>(
        stack_->ServiceUrl(roles_.provider_stub.service, roles_.provider_stub.port));
  }
  if (!roles_.claude_runner.service.empty()) {
    if (roles_.mcp_server.service.empty()) {
      throw std::logic_error(stack_->spec().source +
                             ": x-e2e names a claude_runner but no mcp_server for it to reach");
    }
    claude_ = std::make_unique<ClaudeRunner>(
        *stack_, ClaudeRunnerOptions{.service = roles_.claude_runner.service,
                                     .server_name = roles_.mcp_server.name,
                                     .mcp_url = roles_.mcp_server.Url()});
  }
}

ClaudeRunner& StackTest::claude() {
  if (!claude_) {
    throw std::logic_error("this stack has no claude_runner (x-e2e in " + stack_->spec().source +
                           ")");
  }
  return *claude_;
}

Workspace& StackTest::workspace() {
  if (!stack_) throw std::logic_error("no stack: SetUp did not bring one up (skipped?)");
  if (!workspace_) workspace_ = std::make_unique<Workspace>(Workspace::Of(*stack_));
  return *workspace_;
}

ModelStubClient& StackTest::stub() {
  if (!stub_) {
    throw std::logic_error("this stack has no provider_stub (x-e2e in " + stack_->spec().source +
                           ")");
  }
  return *stub_;
}

void StackTest::WriteArtifacts() {
  const std::string dir = ArtifactsDir() + "/" + FolderName(CurrentTestName());
  std::filesystem::remove_all(dir);
  stack_->WriteDiagnostics(dir);
  if (stub_) {
    std::ofstream journal(dir + "/model-stub.journal.json");
    try {
      journal << stack_->redactor().Json(stub_->RawJournal()).dump(2) << "\n";
    } catch (const std::exception& e) {
      journal << nlohmann::json({{"error", e.what()}}).dump() << "\n";
    }
  }
  if (claude_) {
    std::ofstream transcript(dir + "/claude-transcripts.txt");
    // Already redacted by ClaudeRunner.
    for (const std::string& run : claude_->transcripts()) transcript << run << "\n";
  }
  fmt::print(stderr, "[e2e] artifacts of the failed test: {}\n", dir);
}

void StackTest::ReportSteps() {
  const std::vector<Step> steps = stack_->steps().steps();
  for (const Step& step : steps) {
    RecordProperty(PropertyName(step.name), std::to_string(step.duration.count()));
  }
  const std::string test = CurrentTestName();
  fmt::print(stderr, "[e2e] {} steps: up {} ms, down {} ms: {}\n", test,
             stack_->timings().up.count(), stack_->timings().down.count(),
             stack_->steps().Summary());
  AppendToTimingsFile(test, steps);
}

void StackTest::TearDown() {
  if (!stack_) return;
  FinishAnswering();
  if (HasFailure()) {
    const auto step = stack_->steps().Time("artifacts");
    WriteArtifacts();
  }
  const char* keep = std::getenv("E2E_KEEP_STACK");
  if (HasFailure() && keep != nullptr && std::string(keep) == "1") {
    try {
      MarkStackKept(docker(), stack_->id(), Stack::SessionId());  // the reaper skips it
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not mark stack " << stack_->id() << " kept: " << e.what();
    }
    fmt::print(stderr,
               "[e2e] E2E_KEEP_STACK=1: keeping stack {} (network {}). Reach a container with "
               "`docker exec -it {}-<service> sh`; remove it with `e2e-reap --stack {}` "
               "(all kept stacks: `e2e-reap --kept`).\n",
               stack_->id(), stack_->network_name(), stack_->network_name(), stack_->id());
    ReportSteps();
    // Deliberately not torn down; its labels let e2e-reap find it.
    stack_.release();  // NOLINT(bugprone-unused-return-value): leaked on purpose
    return;
  }
  claude_.reset();
  stub_.reset();
  workspace_.reset();
  for (const std::string& problem : stack_->Down()) ADD_FAILURE() << "teardown: " << problem;
  ReportSteps();
  stack_.reset();
}

}  // namespace e2e
