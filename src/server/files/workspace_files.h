#pragma once
// Reads files a caller names (chat `context` now, attachments later) safely:
// only regular text files under the allowed roots, after resolving every
// symlink and `..` (realpath), so no path can escape a root; devices, fifos,
// unreadable, binary and oversized files are refused. Directories are walked
// recursively in sorted order, skipping hidden entries (names starting with
// '.'). Thread-safe (no mutable state).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mcp_server {

struct WorkspaceFileLimits {
  // MCP_ALLOWED_ROOTS. Relative paths are resolved against the first root.
  std::vector<std::filesystem::path> allowed_roots{"/workspace"};
  std::uintmax_t max_file_bytes = 1024 * 1024;  // MCP_MAX_FILE_BYTES, per file
  std::size_t max_files = 1000;                 // per Read call, bounds a directory walk
};

struct WorkspaceFile {
  std::string path;  // as resolved (absolute, no symlinks)
  std::string text;
};

struct WorkspaceRead {
  std::vector<WorkspaceFile> files;  // in the order given, directories expanded
  // Set when anything was refused; then `files` must not be used. Names the
  // path and the reason, e.g. "/etc/passwd: outside the allowed roots (/workspace)".
  std::optional<std::string> refusal;
};

class WorkspaceFiles {
 public:
  explicit WorkspaceFiles(WorkspaceFileLimits limits);

  // Reads every path (file or directory). All or nothing: the first refusal
  // ends the read.
  WorkspaceRead Read(const std::vector<std::string>& paths) const;

 private:
  struct Walk;
  bool IsAllowed(const std::filesystem::path& resolved) const;
  void ReadPath(const std::string& given, Walk& walk) const;
  void ReadDirectory(const std::filesystem::path& dir, Walk& walk) const;
  void ReadFile(const std::filesystem::path& file, Walk& walk) const;
  std::string RootsText() const;

  WorkspaceFileLimits limits_;
  std::vector<std::filesystem::path> roots_;  // resolved
};

}  // namespace mcp_server
