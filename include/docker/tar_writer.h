#pragma once
// Writes tar archives (ustar/pax, via libarchive) for build contexts and for
// copying files into containers (PUT /containers/{id}/archive).

#include <memory>
#include <string>
#include <string_view>

namespace docker {

class TarWriter {
 public:
  // Writes to the file at `path` (created or truncated).
  static TarWriter ToFile(const std::string& path);
  // Collects the archive in memory; take it with TakeBytes() after Finish().
  static TarWriter ToMemory();

  TarWriter(TarWriter&&) noexcept;
  TarWriter& operator=(TarWriter&&) noexcept;
  ~TarWriter();

  // Adds a regular file with `contents` at `name` (relative, '/'-separated).
  void AddFile(std::string_view name, std::string_view contents, int mode = 0644);
  // Adds a symbolic link `name` -> `target` (stored as a link, not followed).
  void AddSymlink(std::string_view name, std::string_view target);
  // Adds every file under `dir` (recursively), named relative to `dir` with
  // `prefix` prepended. Symbolic links are followed: the archive holds the
  // content they point at. Entries are added in sorted order so the same tree
  // always gives the same archive.
  void AddTree(const std::string& dir, std::string_view prefix = "");
  // Writes the end-of-archive marker. Required before the archive is used.
  void Finish();
  // The archive bytes of a ToMemory() writer (after Finish()).
  std::string TakeBytes();

 private:
  struct State;
  explicit TarWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace docker
