#include "e2e/step_timings.h"

#include <fmt/format.h>

namespace e2e {

StepTimings::Scope::Scope(StepTimings& timings, std::string name)
    : timings_(timings), index_(timings.Begin(std::move(name))), started_(Clock::now()) {}

StepTimings::Scope::~Scope() {
  timings_.End(index_,
               std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_));
}

std::size_t StepTimings::Begin(std::string name) {
  // The slot is taken when the step begins, so steps appear in starting order.
  std::lock_guard lock(mutex_);
  steps_.push_back({std::move(name), std::chrono::milliseconds(0)});
  return steps_.size() - 1;
}

void StepTimings::End(std::size_t index, std::chrono::milliseconds duration) {
  std::lock_guard lock(mutex_);
  steps_[index].duration = duration;
}

void StepTimings::Record(std::string name, std::chrono::milliseconds duration) {
  std::lock_guard lock(mutex_);
  steps_.push_back({std::move(name), duration});
}

std::vector<Step> StepTimings::steps() const {
  std::lock_guard lock(mutex_);
  return steps_;
}

std::string StepTimings::Summary() const {
  std::string text;
  for (const Step& step : steps()) {
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {} ms", step.name, step.duration.count());
  }
  return text;
}

}  // namespace e2e
