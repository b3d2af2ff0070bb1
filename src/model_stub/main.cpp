// model-stub: serves the fake provider APIs on 0.0.0.0:PORT until SIGTERM.
//   model-stub [--port N]            port also from STUB_PORT, default 8080
//   model-stub --healthcheck URL     exit 0 when URL answers 200 (image HEALTHCHECK)
// The mode (echo, passthrough, replay) and the upstream URLs come from the
// environment: see live_config.h and docs/model-stub.md.

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "env.h"
#include "healthcheck.h"
#include "logging.h"
#include "server.h"

namespace {

struct Options {
  int port = 8080;
  std::optional<std::string> healthcheck_url;
};

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  options.port = static_cast<int>(support::EnvIntOr("STUB_PORT", 8080));
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--port" && has_value) {
      try {
        options.port = std::stoi(argv[++i]);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    } else if (arg == "--healthcheck" && has_value) {
      options.healthcheck_url = argv[++i];
    } else {
      return std::nullopt;
    }
  }
  return options;
}

// Stops `server` on SIGTERM / SIGINT. The signals are blocked in every thread
// and taken with sigwait here, so stopping runs as ordinary code, not inside
// a signal handler.
void StopOnSignals(model_stub::StubServer& server, const sigset_t& signals) {
  std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {}, stopping", received);
    server.Stop();
  }).detach();
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = ParseOptions(argc, argv);
  if (!options) {
    std::fprintf(stderr, "usage: model-stub [--port N] | --healthcheck URL\n");
    return 2;
  }
  if (options->healthcheck_url) return support::RunHealthcheck(*options->healthcheck_url);

  support::InitLogging("model-stub");
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const auto live =
      model_stub::LiveConfigFromEnv([](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        if (value == nullptr) return std::nullopt;
        return std::string(value);
      });
  if (!live.error.empty()) {
    spdlog::error("{}", live.error);
    return 2;
  }

  model_stub::StubServer server;
  server.SetLiveConfig(live.config);
  if (!server.Bind("0.0.0.0", options->port)) {
    spdlog::error("cannot listen on 0.0.0.0:{}", options->port);
    return 1;
  }
  StopOnSignals(server, signals);
  spdlog::info("listening on 0.0.0.0:{} in {} mode", options->port,
               model_stub::StubModeName(live.config.mode));
  return server.ListenAfterBind() ? 0 : 1;
}
