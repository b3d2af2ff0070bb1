#include "docker/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace docker {

struct TarWriter::State {
  archive* writer = nullptr;
  std::string memory;
  bool finished = false;

  ~State() {
    if (writer != nullptr) archive_write_free(writer);
  }
  void Check(int rc, const std::string& what) {
    if (rc < ARCHIVE_OK) {
      throw std::runtime_error("tar: " + what + ": " + archive_error_string(writer));
    }
  }
};

namespace {

archive* NewPaxWriter() {
  archive* writer = archive_write_new();
  archive_write_set_format_pax_restricted(writer);  // long names, readable by any tar
  return writer;
}

la_ssize_t AppendToString(archive*, void* user, const void* buffer, size_t length) {
  static_cast<std::string*>(user)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

}  // namespace

TarWriter::TarWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
TarWriter::TarWriter(TarWriter&&) noexcept = default;
TarWriter& TarWriter::operator=(TarWriter&&) noexcept = default;
TarWriter::~TarWriter() = default;

TarWriter TarWriter::ToFile(const std::string& path) {
  auto state = std::make_unique<State>();
  state->writer = NewPaxWriter();
  state->Check(archive_write_open_filename(state->writer, path.c_str()), "open " + path);
  return TarWriter(std::move(state));
}

TarWriter TarWriter::ToMemory() {
  auto state = std::make_unique<State>();
  state->writer = NewPaxWriter();
  // No block padding beyond the format's own: the daemon reads to the end marker.
  archive_write_set_bytes_in_last_block(state->writer, 1);
  state->Check(archive_write_open(state->writer, &state->memory, nullptr, AppendToString, nullptr),
               "open memory");
  return TarWriter(std::move(state));
}

void TarWriter::AddFile(std::string_view name, std::string_view contents, int mode) {
  archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, std::string(name).c_str());
  archive_entry_set_size(entry, static_cast<la_int64_t>(contents.size()));
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_perm(entry, static_cast<mode_t>(mode));
  const int rc = archive_write_header(state_->writer, entry);
  archive_entry_free(entry);
  state_->Check(rc, "header of " + std::string(name));
  if (!contents.empty() &&
      archive_write_data(state_->writer, contents.data(), contents.size()) < 0) {
    state_->Check(ARCHIVE_FATAL, "data of " + std::string(name));
  }
}

void TarWriter::AddSymlink(std::string_view name, std::string_view target) {
  archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, std::string(name).c_str());
  archive_entry_set_filetype(entry, AE_IFLNK);
  archive_entry_set_symlink(entry, std::string(target).c_str());
  archive_entry_set_perm(entry, 0777);
  const int rc = archive_write_header(state_->writer, entry);
  archive_entry_free(entry);
  state_->Check(rc, "header of " + std::string(name));
}

void TarWriter::AddTree(const std::string& dir, std::string_view prefix) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& item :
       fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink)) {
    if (item.is_regular_file()) files.push_back(item.path());  // follows symlinks
  }
  std::sort(files.begin(), files.end());

  std::vector<char> buffer(1 << 20);
  for (const fs::path& file : files) {
    const std::string name = std::string(prefix) + file.lexically_relative(dir).generic_string();
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0)
      throw std::runtime_error("tar: cannot stat " + file.string());
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, info.st_size);
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, info.st_mode & 0777);
    const int rc = archive_write_header(state_->writer, entry);
    archive_entry_free(entry);
    state_->Check(rc, "header of " + name);

    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("tar: cannot read " + file.string());
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<size_t>(in.gcount());
      if (got > 0 && archive_write_data(state_->writer, buffer.data(), got) < 0) {
        state_->Check(ARCHIVE_FATAL, "data of " + name);
      }
    }
  }
}

void TarWriter::Finish() {
  if (state_->finished) return;
  state_->Check(archive_write_close(state_->writer), "close");
  state_->finished = true;
}

std::string TarWriter::TakeBytes() { return std::move(state_->memory); }

}  // namespace docker
