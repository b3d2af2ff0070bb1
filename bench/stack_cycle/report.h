#pragma once
// The bench's output: medians per peer and each peer's cycle as a multiple of
// the baseline's, from the same run; the machine it ran on; peak memory.

#include <string>
#include <vector>

#include "docker/client.h"
#include "peer.h"
#include "rounds.h"

namespace stack_cycle {

double Median(std::vector<double> values);

// A table: peer, median up/down/cycle (ms), cycle / baseline's cycle, failures.
// `baseline` is the index in `slots` the ratios are relative to.
void PrintTable(const std::vector<PeerSlot>& slots, const std::vector<CycleSamples>& samples,
                size_t baseline);

// Date, nproc, kernel, Docker client and server versions.
void PrintMachine(docker::Client& docker);
// "load average 0.52 0.61 0.70" (1, 5, 15 minutes).
std::string LoadAverage();
// Peak resident set size of this process and of its largest child (getrusage).
void PrintPeakMemory();

}  // namespace stack_cycle
