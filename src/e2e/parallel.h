#pragma once
// Runs work for every item at once, each in its own thread: the Engine
// serves independent calls in parallel (used by stack.cpp and by the raw-API
// peer of bench/stack_cycle).

#include <exception>
#include <future>
#include <vector>

namespace e2e {

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

}  // namespace e2e
