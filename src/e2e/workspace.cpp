#include "e2e/workspace.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "docker/tar_writer.h"
#include "e2e/stack.h"

namespace e2e {
namespace {

// "a/b/" and "/a" -> "a/b", "a": names inside the archive are relative.
std::string Relative(std::string path) {
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("Workspace::Copy: cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Workspace::Workspace(Stack& stack, std::string service, std::string mount_path)
    : stack_(stack), service_(std::move(service)), mount_path_(std::move(mount_path)) {}

Workspace Workspace::Of(Stack& stack, const std::string& mount_path) {
  for (const ServiceSpec& service : stack.spec().services) {
    for (const VolumeMountSpec& mount : service.volumes) {
      if (mount.target == mount_path && !mount.read_only) {
        return Workspace(stack, service.name, mount_path);
      }
    }
  }
  throw std::runtime_error(fmt::format(
      "no service of {} mounts a writable volume at {}: add one to the stack file (e.g. "
      "`volumes: [workspace:{}]`)",
      stack.spec().source, mount_path, mount_path));
}

void Workspace::Copy(const std::filesystem::path& source, const std::string& to) {
  namespace fs = std::filesystem;
  const std::string name = Relative(to.empty() ? source.filename().string() : to);
  auto tar = docker::TarWriter::ToMemory();
  if (fs::is_directory(source)) {
    tar.AddTree(source.string(), name.empty() ? "" : name + "/");
  } else if (fs::is_regular_file(source)) {
    if (name.empty()) throw std::invalid_argument("Workspace::Copy: a file needs a name");
    tar.AddFile(name, ReadWholeFile(source));
  } else {
    throw std::runtime_error(
        fmt::format("Workspace::Copy: {} is neither a file nor a folder", source.string()));
  }
  tar.Finish();
  Put(tar.TakeBytes());
}

void Workspace::Write(const std::map<std::string, std::string>& files) {
  auto tar = docker::TarWriter::ToMemory();
  for (const auto& [name, contents] : files) tar.AddFile(Relative(name), contents);
  tar.Finish();
  Put(tar.TakeBytes());
}

void Workspace::Symlink(const std::string& name, const std::string& target) {
  auto tar = docker::TarWriter::ToMemory();
  tar.AddSymlink(Relative(name), target);
  tar.Finish();
  Put(tar.TakeBytes());
}

std::string Workspace::Path(const std::string& relative) const {
  const std::string name = Relative(relative);
  return name.empty() ? mount_path_ : mount_path_ + "/" + name;
}

void Workspace::Put(const std::string& tar) { stack_.PutArchive(service_, mount_path_, tar); }

std::filesystem::path FixturePath(const std::string& relative) {
  const char* override_dir = std::getenv("E2E_FIXTURES_DIR");
  const std::filesystem::path source =
      std::filesystem::path(override_dir != nullptr && *override_dir != '\0' ? override_dir
                                                                             : E2E_SOURCE_DIR
                                "/fixtures") /
      relative;
  if (std::filesystem::exists(source)) return source;
  const std::filesystem::path generated =
      std::filesystem::path(E2E_BINARY_DIR "/fixtures") / relative;
  if (std::filesystem::exists(generated)) return generated;
  throw std::runtime_error(fmt::format(
      "fixture {} not found in {} nor in {} (generated fixtures: cmake --build <build> --target "
      "fixtures)",
      relative, source.string(), generated.string()));
}

}  // namespace e2e
