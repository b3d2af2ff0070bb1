#pragma once
// Where the harness finds its inputs and puts its outputs. Each has an
// environment variable that overrides the default chosen at build time.

#include <map>
#include <string>

namespace e2e {

// $E2E_COMPOSE_FILE, default <source>/compose/stack.yml.
std::string ComposeFile();
// $E2E_ARTIFACTS_DIR, default <build>/artifacts.
std::string ArtifactsDir();
// $E2E_TIMINGS_FILE, default <build>/e2e-steps.tsv: every test's step times,
// "<Suite.Test>\t<step>\t<milliseconds>" per line, appended (scripts/e2e
// empties it first and ends with the slowest steps of the run).
std::string TimingsFile();
// $E2E_IMAGE_MANIFEST, default <build>/images/manifest.json: written by
// e2e-images, it maps the stack file's image variables (MCP_SERVER_IMAGE, ...)
// to the tags built.
std::string ImageManifestFile();

// The image variables of the manifest. Throws std::runtime_error naming the
// command to run when the manifest is missing.
std::map<std::string, std::string> ImageVariables();

}  // namespace e2e
