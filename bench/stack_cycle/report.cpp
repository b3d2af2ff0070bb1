#include "report.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace stack_cycle {

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

void PrintTable(const std::vector<PeerSlot>& slots, const std::vector<CycleSamples>& samples,
                size_t baseline) {
  const double baseline_cycle = Median(samples[baseline].cycle_ms);
  fmt::print("  {:<9} {:>8} {:>8} {:>8} {:>10} {:>7} {:>9}\n", "peer", "up", "down", "cycle",
             fmt::format("÷{}", slots[baseline].name), "cycles", "failures");
  for (size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i].peer) {
      fmt::print("  {:<9} not installed: {}\n", slots[i].name, slots[i].not_installed);
      continue;
    }
    const CycleSamples& peer = samples[i];
    const double cycle = Median(peer.cycle_ms);
    const std::string ratio =
        baseline_cycle > 0 && cycle > 0 ? fmt::format("{:.2f}×", cycle / baseline_cycle) : "-";
    fmt::print("  {:<9} {:>8.0f} {:>8.0f} {:>8.0f} {:>10} {:>7} {:>9}\n", slots[i].name,
               Median(peer.up_ms), Median(peer.down_ms), cycle, ratio, peer.cycle_ms.size(),
               peer.failures);
    if (peer.failures > 0) fmt::print("            last failure: {}\n", peer.last_error);
  }
}

void PrintMachine(docker::Client& docker) {
  utsname system{};
  ::uname(&system);
  std::string server = "?";
  try {
    server = docker.Version().value("Version", "?") + " (API " + docker.ApiVersion() + ")";
  } catch (const std::exception& e) {
    server = std::string("unreachable: ") + e.what();
  }
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", &utc);
  fmt::print("date      {}\n", date);
  fmt::print("machine   nproc {}, kernel {}, docker server {}\n", ::sysconf(_SC_NPROCESSORS_ONLN),
             system.release, server);
}

std::string LoadAverage() {
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) != 3) return "load average unknown";
  return fmt::format("load average {:.2f} {:.2f} {:.2f}", load[0], load[1], load[2]);
}

void PrintPeakMemory() {
  rusage self{};
  rusage children{};
  ::getrusage(RUSAGE_SELF, &self);
  ::getrusage(RUSAGE_CHILDREN, &children);
  // ru_maxrss is in KiB on Linux; for children it is the largest single child.
  fmt::print("peak RSS  this process {:.1f} MiB; largest child process {:.1f} MiB\n",
             static_cast<double>(self.ru_maxrss) / 1024,
             static_cast<double>(children.ru_maxrss) / 1024);
}

}  // namespace stack_cycle
