#pragma once
// A stand-in for the real providers in the live-mode proof: a second
// model-stub (echo brain) on the stack's non-internal egress network, where
// live mode's pass-through stub forwards to it instead of to the internet.
// Removed when destroyed (and labelled like the stack, so a reaper finds it
// after a killed run).

#include <memory>
#include <string>

#include "docker/client.h"
#include "e2e/model_stub_client.h"
#include "e2e/stack.h"

namespace e2e_live {

class ProviderStandIn {
 public:
  static constexpr const char* kAlias = "provider-upstream";
  static constexpr int kPort = 8080;

  // Starts the stand-in from `image` on `stack`'s network `network_key` and
  // waits (bounded) until its /healthz answers.
  ProviderStandIn(docker::Client& docker, e2e::Stack& stack, const std::string& image,
                  const std::string& network_key);
  ~ProviderStandIn();
  ProviderStandIn(const ProviderStandIn&) = delete;
  ProviderStandIn& operator=(const ProviderStandIn&) = delete;

  // The base URL the pass-through stub forwards to: http://provider-upstream:8080.
  static std::string BaseUrl();
  const std::string& ip() const { return ip_; }
  // Its own journal: what "the provider" received.
  e2e::ModelStubClient& admin() { return *admin_; }

 private:
  void Start(const std::string& network);
  void Remove();

  docker::Client& docker_;
  std::string id_;
  std::string ip_;
  std::unique_ptr<e2e::ModelStubClient> admin_;
};

}  // namespace e2e_live
