// e2e-images: builds the stack's images through the Engine API (no docker CLI).
//
//   e2e-images --contexts <build>/images --manifest <build>/images/manifest.json NAME...
//
// Each NAME has a prepared build context <contexts>/NAME (see cmake/E2eImages.cmake).
// The image is tagged mcp-e2e/NAME:<first 16 hex of the context's SHA-256> and
// built only when that tag is missing. The manifest maps the stack file's
// variables (MCP_SERVER_IMAGE, ...) to the tags, for the harness.
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/flags/usage.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "context_hash.h"
#include "docker/client.h"
#include "docker/tar_writer.h"

ABSL_FLAG(std::string, contexts, "", "folder holding one prepared build context per image");
ABSL_FLAG(std::string, manifest, "", "JSON file to write: image variable -> tag");
ABSL_FLAG(std::string, base_image, "debian:bookworm-slim", "base image the Dockerfiles use");

namespace {

using Clock = std::chrono::steady_clock;

std::string VariableFor(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '-' ? '_' : static_cast<char>(std::toupper(c));
  });
  return name + "_IMAGE";
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Removes earlier builds of `name` (superseded context hashes) older than a
// day, so a developer's disk does not fill with one image per rebuild. Younger
// ones may belong to another build tree whose tests use them right now; an
// image a container uses is kept too (Conflict) and tried again next time.
void PruneEarlierBuilds(docker::Client& docker, const std::string& name, const std::string& keep) {
  const auto day_ago = std::chrono::system_clock::now() - std::chrono::hours(24);
  const int64_t cutoff =
      std::chrono::duration_cast<std::chrono::seconds>(day_ago.time_since_epoch()).count();
  for (const auto& image : docker.ListImages({{"label", {"e2e.image=" + name}}})) {
    if (image.created > cutoff) continue;
    if (std::find(image.repo_tags.begin(), image.repo_tags.end(), keep) != image.repo_tags.end())
      continue;
    for (const std::string& tag : image.repo_tags) {
      try {
        docker.RemoveImage(tag, {.missing_ok = true});
        fmt::print("[images] {}: removed the earlier build {}\n", name, tag);
      } catch (const docker::Conflict&) {
        // In use by a running stack: left for the next run.
      }
    }
  }
}

// Builds `name` unless its tag exists; returns the tag. The tag names the
// context and the base image's id: images built on an earlier base (e.g. one
// imported with a 0700 root) are rebuilt when the base is replaced.
std::string EnsureImage(docker::Client& docker, const std::string& contexts,
                        const std::string& name, const std::string& base_id) {
  const auto started = Clock::now();
  const std::string context = contexts + "/" + name;
  if (!std::filesystem::exists(context + "/Dockerfile")) {
    throw std::runtime_error("no build context at " + context +
                             " (build the image-contexts target first)");
  }
  const std::string tag = "mcp-e2e/" + name + ":" + tools::HashTree(context, base_id).substr(0, 16);
  if (docker.ImageExists(tag)) {
    fmt::print("[images] {}: up to date ({}; checked in {:.1f} s)\n", name, tag,
               SecondsSince(started));
    return tag;
  }
  fmt::print("[images] {}: building {}\n", name, tag);
  const std::string tar_path = context + ".tar";
  {
    auto tar = docker::TarWriter::ToFile(tar_path);
    tar.AddTree(context);
    tar.Finish();
  }
  docker.BuildImage({.context_tar_path = tar_path,
                     .tags = {tag, "mcp-e2e/" + name + ":latest"},
                     .labels = {{"e2e.image", name}}},
                    [&](const std::string& line) { fmt::print("[images] {}: {}\n", name, line); });
  std::filesystem::remove(tar_path);
  fmt::print("[images] {}: built {} in {:.1f} s\n", name, tag, SecondsSince(started));
  PruneEarlierBuilds(docker, name, tag);
  return tag;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Builds the mcp-e2e stack images through the Docker Engine API.");
  std::vector<char*> names = absl::ParseCommandLine(argc, argv);
  names.erase(names.begin());
  const std::string contexts = absl::GetFlag(FLAGS_contexts);
  const std::string manifest_path = absl::GetFlag(FLAGS_manifest);
  if (contexts.empty() || manifest_path.empty() || names.empty()) {
    fmt::print(stderr, "usage: e2e-images --contexts DIR --manifest FILE NAME...\n");
    return 2;
  }
  try {
    docker::Client docker;
    const std::string base = absl::GetFlag(FLAGS_base_image);
    if (!docker.ImageExists(base)) {
      fmt::print(stderr,
                 "[images] the base image {} is missing: run scripts/setup (it creates it "
                 "with debootstrap, as no registry is reachable)\n",
                 base);
      return 1;
    }
    const std::string base_id = docker.InspectImage(base).value("Id", "");
    const auto started = Clock::now();
    nlohmann::json manifest = nlohmann::json::object();
    for (const char* name : names)
      manifest[VariableFor(name)] = EnsureImage(docker, contexts, name, base_id);
    std::ofstream(manifest_path) << manifest.dump(2) << "\n";
    fmt::print("[images] {} images ready in {:.1f} s; manifest {}\n", names.size(),
               SecondsSince(started), manifest_path);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "[images] failed: {}\n", e.what());
    return 1;
  }
}
