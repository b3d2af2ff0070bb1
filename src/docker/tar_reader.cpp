#include "docker/tar_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

namespace docker {
namespace {

std::string_view WithoutDotSlash(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  return path;
}

}  // namespace

std::optional<std::string> ReadTarFile(std::string_view archive_bytes, std::string_view name) {
  std::unique_ptr<archive, int (*)(archive*)> reader(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  if (archive_read_open_memory(reader.get(), archive_bytes.data(), archive_bytes.size()) !=
      ARCHIVE_OK) {
    throw std::runtime_error(std::string("tar: cannot open: ") +
                             archive_error_string(reader.get()));
  }
  name = WithoutDotSlash(name);
  archive_entry* entry = nullptr;
  while (true) {
    const int rc = archive_read_next_header(reader.get(), &entry);
    if (rc == ARCHIVE_EOF) return std::nullopt;
    if (rc < ARCHIVE_WARN) {
      throw std::runtime_error(std::string("tar: ") + archive_error_string(reader.get()));
    }
    if (archive_entry_filetype(entry) != AE_IFREG ||
        WithoutDotSlash(archive_entry_pathname(entry)) != name) {
      continue;
    }
    std::string contents;
    char buffer[64 * 1024];
    for (la_ssize_t got; (got = archive_read_data(reader.get(), buffer, sizeof buffer)) != 0;) {
      if (got < 0) {
        throw std::runtime_error(std::string("tar: data of ") + std::string(name) + ": " +
                                 archive_error_string(reader.get()));
      }
      contents.append(buffer, static_cast<size_t>(got));
    }
    return contents;
  }
}

}  // namespace docker
