// StackTest's part in live mode, record and replay (live_stack.h): load the
// test's cassette after Up, and in TearDown turn replay misses into a test
// failure and write the recording of a passing live test.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e/live_stack.h"
#include "e2e/stack_test.h"

namespace e2e {
namespace {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read cassette " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Written beside the target and renamed over it, so a killed run never
// leaves half a cassette.
void WriteWholeFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write cassette " + partial);
  }
  std::filesystem::rename(partial, path);
}

}  // namespace

void StackTest::StartAnswering() {
  if (answers_ == StubAnswers::kRealProviders) {
    fmt::print(stderr, "[e2e] live mode ({}): the real providers answer through model-stub\n",
               Describe(live_));
  }
  if (answers_ != StubAnswers::kCassette || !stub_) return;
  const int exchanges = stub_->LoadCassette(ReadWholeFile(cassette_));
  fmt::print(stderr, "[e2e] replaying {} exchange(s) from {}\n", exchanges, cassette_);
}

void StackTest::FinishAnswering() {
  if (!stub_) return;
  try {
    if (answers_ == StubAnswers::kCassette) {
      const std::string misses = DescribeReplayMisses(stub_->ReplayMisses());
      if (!misses.empty()) {
        ADD_FAILURE() << stack_->redactor().Text(misses) << "\n  cassette: " << cassette_;
      }
    }
    if (answers_ == StubAnswers::kRealProviders) {
      // Every provider call of the test waited here for its live slot.
      std::chrono::milliseconds waited{0};
      for (const StubRequest& request : stub_->Requests()) waited += request.slot_wait;
      stack_->steps().Record("live slot wait", waited);
    }
    if (answers_ == StubAnswers::kRealProviders && live_.record) {
      if (HasFailure()) {
        fmt::print(stderr, "[e2e] E2E_RECORD=1: the test failed, so {} was not written\n",
                   cassette_);
      } else {
        // The stub redacts what it knows of each request; this adds every
        // secret of the stack's environment (redact.h).
        WriteWholeFile(cassette_, stack_->redactor().Text(stub_->CassetteText()));
        fmt::print(stderr, "[e2e] recorded {}\n", cassette_);
      }
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "live mode: " << e.what();
  }
}

}  // namespace e2e
