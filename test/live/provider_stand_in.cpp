#include "provider_stand_in.h"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>

#include "e2e/wait.h"

namespace e2e_live {

ProviderStandIn::ProviderStandIn(docker::Client& docker, e2e::Stack& stack,
                                 const std::string& image, const std::string& network_key)
    : docker_(docker) {
  const std::string network = stack.NetworkName(network_key);
  docker::ContainerCreate create{
      .name = network + "-" + kAlias,
      .image = image,
      .env = {"STUB_PORT=" + std::to_string(kPort), "STUB_MODE=echo"},
      .labels = {{"e2e.session", e2e::Stack::SessionId()},
                 {"e2e.stack", stack.id()},
                 {"e2e.test", "provider stand-in"},
                 {"e2e.service", kAlias}},
      .nano_cpus = 1'000'000'000,
      .memory_bytes = int64_t{1} << 30,
      .pids_limit = 512,
      .network = network,
      .aliases = {kAlias},
  };
  id_ = docker_.CreateContainer(create);
  try {
    Start(network);
  } catch (...) {
    Remove();  // the destructor does not run for a constructor that throws
    throw;
  }
}

void ProviderStandIn::Start(const std::string& network) {
  docker_.StartContainer(id_);
  const auto inspect = docker_.InspectContainer(id_);
  ip_ = inspect.raw["NetworkSettings"]["Networks"][network].value("IPAddress", "");
  const std::string url = fmt::format("http://{}:{}", ip_, kPort);
  admin_ = std::make_unique<e2e::ModelStubClient>(url);
  // The host reaches container addresses on a bridge network.
  e2e::WaitFor(
      "the provider stand-in to answer /healthz",
      [url]() {
        httplib::Client client(url);
        client.set_connection_timeout(std::chrono::milliseconds(500));
        const auto answer = client.Get("/healthz");
        return answer && answer->status == 200;
      },
      std::chrono::seconds(30));
}

ProviderStandIn::~ProviderStandIn() { Remove(); }

void ProviderStandIn::Remove() {
  try {
    docker_.RemoveContainer(id_);
  } catch (const std::exception& e) {
    fmt::print(stderr, "[e2e] removing the provider stand-in: {}\n", e.what());
  }
}

std::string ProviderStandIn::BaseUrl() { return fmt::format("http://{}:{}", kAlias, kPort); }

}  // namespace e2e_live
