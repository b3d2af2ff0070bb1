#pragma once
// Runs work for every item at once, each in its own thread, as the harness does.

#include <exception>
#include <future>
#include <vector>

namespace stack_cycle {

// Waits for every task before rethrowing the first failure, so nothing still
// runs against resources the caller is about to remove.
template <typename T, typename Work>
void ForEachInParallel(const std::vector<T>& items, Work work) {
  std::vector<std::future<void>> tasks;
  for (const T& item : items) tasks.push_back(std::async(std::launch::async, work, item));
  std::exception_ptr first;
  for (auto& task : tasks) {
    try {
      task.get();
    } catch (...) {
      if (!first) first = std::current_exception();
    }
  }
  if (first) std::rethrow_exception(first);
}

}  // namespace stack_cycle
