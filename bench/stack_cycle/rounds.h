#pragma once
// Runs the peers' cycles interleaved: round 1 is harness, raw, cli, compose,
// tc; round 2 the same again; ... so that a burst of load on this shared
// machine hits every peer alike instead of whichever ran at that moment.

#include <string>
#include <vector>

#include "peer.h"

namespace stack_cycle {

struct CycleSamples {
  std::vector<double> up_ms;
  std::vector<double> down_ms;
  std::vector<double> cycle_ms;  // up + down of the same cycle
  int failures = 0;
  std::string last_error;
};

// One untimed warm-up cycle per peer (connections, node's module loading,
// compose's Python start-up caches), then `cycles` timed rounds. Stops early
// between two steps when the bench is interrupted. Returns one entry per slot,
// in order; a slot without a peer gets an empty entry.
std::vector<CycleSamples> RunInterleaved(std::vector<PeerSlot>& slots, int cycles);

}  // namespace stack_cycle
