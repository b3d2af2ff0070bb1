#include "rounds.h"

#include <fmt/format.h>

#include <chrono>

#include "interrupt.h"

namespace stack_cycle {
namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// One up + down of `peer`; a failure is recorded and the stack still removed.
void Cycle(const std::string& name, Peer& peer, CycleSamples* samples) {
  try {
    const auto up_started = Clock::now();
    peer.Up();
    const double up = MillisecondsSince(up_started);
    const auto down_started = Clock::now();
    peer.Down();
    const double down = MillisecondsSince(down_started);
    if (samples == nullptr) return;
    samples->up_ms.push_back(up);
    samples->down_ms.push_back(down);
    samples->cycle_ms.push_back(up + down);
  } catch (const std::exception& e) {
    fmt::print(stderr, "stack_cycle: {} failed: {}\n", name, e.what());
    if (samples != nullptr) {
      ++samples->failures;
      samples->last_error = e.what();
    }
    try {
      peer.Down();
    } catch (const std::exception& cleanup) {
      fmt::print(stderr, "stack_cycle: {} down after the failure: {}\n", name, cleanup.what());
    }
  }
}

}  // namespace

std::vector<CycleSamples> RunInterleaved(std::vector<PeerSlot>& slots, int cycles) {
  std::vector<CycleSamples> samples(slots.size());
  for (size_t i = 0; i < slots.size() && !Interrupted(); ++i) {
    if (slots[i].peer) Cycle(slots[i].name + " (warm-up)", *slots[i].peer, nullptr);
  }
  for (int round = 0; round < cycles && !Interrupted(); ++round) {
    for (size_t i = 0; i < slots.size() && !Interrupted(); ++i) {
      if (slots[i].peer) Cycle(slots[i].name, *slots[i].peer, &samples[i]);
    }
  }
  return samples;
}

}  // namespace stack_cycle
