// Uses the installed client: builds a tar, parses a DOCKER_HOST and maps an error.
#include <docker/client.h>
#include <docker/tar_writer.h>

#include <cstdio>

int main() {
  auto tar = docker::TarWriter::ToMemory();
  tar.AddFile("hello.txt", "hello");
  tar.Finish();
  docker::Client client({.host = "unix:///tmp/mcp-e2e-consumer-no-daemon.sock"});
  try {
    client.Ping();
  } catch (const docker::Unreachable& e) {
    std::printf("consumer ok: %zu tar bytes; %s\n", tar.TakeBytes().size(), e.what());
    return 0;
  }
  return 1;
}
