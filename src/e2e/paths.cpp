#include "e2e/paths.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace e2e {
namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? value : fallback;
}

}  // namespace

std::string ComposeFile() { return EnvOr("E2E_COMPOSE_FILE", E2E_SOURCE_DIR "/compose/stack.yml"); }

std::string ArtifactsDir() { return EnvOr("E2E_ARTIFACTS_DIR", E2E_BINARY_DIR "/artifacts"); }

std::string TimingsFile() { return EnvOr("E2E_TIMINGS_FILE", E2E_BINARY_DIR "/e2e-steps.tsv"); }

std::string ImageManifestFile() {
  return EnvOr("E2E_IMAGE_MANIFEST", E2E_BINARY_DIR "/images/manifest.json");
}

std::map<std::string, std::string> ImageVariables() {
  const std::string path = ImageManifestFile();
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("the image manifest " + path +
                             " is missing: build the images first (cmake --build build --target "
                             "images, or run ctest, which builds them)");
  }
  return nlohmann::json::parse(in).get<std::map<std::string, std::string>>();
}

}  // namespace e2e
