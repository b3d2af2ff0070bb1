#include "workspace_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

namespace mcp_server {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBinaryProbeBytes = 8 * 1024;

std::string TypeName(fs::file_type type) {
  switch (type) {
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::fifo:
      return "a fifo";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

fs::path ResolveRoot(const fs::path& root) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(root, ec);
  if (ec) resolved = root.lexically_normal();
  std::string text = resolved.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

// Closes the descriptor on every path out of ReadFile.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

struct WorkspaceFiles::Walk {
  WorkspaceRead result;
  std::set<fs::path> visited_directories;  // a symlink loop must not recurse forever

  bool Refused() const { return result.refusal.has_value(); }
  void Refuse(const std::string& path, const std::string& reason) {
    if (!Refused()) result.refusal = path + ": " + reason;
  }
};

WorkspaceFiles::WorkspaceFiles(WorkspaceFileLimits limits) : limits_(std::move(limits)) {
  for (const auto& root : limits_.allowed_roots) roots_.push_back(ResolveRoot(root));
}

WorkspaceRead WorkspaceFiles::Read(const std::vector<std::string>& paths) const {
  Walk walk;
  for (const auto& path : paths) {
    if (walk.Refused()) break;
    ReadPath(path, walk);
  }
  if (walk.Refused()) walk.result.files.clear();
  return std::move(walk.result);
}

bool WorkspaceFiles::IsAllowed(const fs::path& resolved) const {
  return std::ranges::any_of(roots_, [&](const fs::path& root) {
    auto [in_root, unused] =
        std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
    return in_root == root.end();
  });
}

std::string WorkspaceFiles::RootsText() const {
  std::string text;
  for (const auto& root : roots_) text += (text.empty() ? "" : ", ") + root.string();
  return text.empty() ? "none configured" : text;
}

void WorkspaceFiles::ReadPath(const std::string& given, Walk& walk) const {
  fs::path path = given;
  if (path.is_relative() && !roots_.empty()) path = roots_.front() / path;
  std::error_code ec;
  // realpath: resolves every symlink and `..`, so the check below sees the
  // file that would really be read.
  const fs::path resolved = fs::canonical(path, ec);
  if (ec) return walk.Refuse(given, "cannot resolve (" + ec.message() + ")");
  if (!IsAllowed(resolved)) {
    const std::string shown =
        resolved.string() == given ? given : given + " (resolves to " + resolved.string() + ")";
    return walk.Refuse(shown, "outside the allowed roots (" + RootsText() + ", MCP_ALLOWED_ROOTS)");
  }
  const fs::file_type type = fs::status(resolved, ec).type();
  if (ec) return walk.Refuse(given, "cannot stat (" + ec.message() + ")");
  if (type == fs::file_type::directory) return ReadDirectory(resolved, walk);
  if (type != fs::file_type::regular) return walk.Refuse(given, "refused: " + TypeName(type));
  ReadFile(resolved, walk);
}

void WorkspaceFiles::ReadDirectory(const fs::path& dir, Walk& walk) const {
  if (!walk.visited_directories.insert(dir).second) return;
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') continue;  // hidden: .git, .env, ...
    entries.push_back(it->path());
  }
  if (ec) return walk.Refuse(dir.string(), "cannot list directory (" + ec.message() + ")");
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    if (walk.Refused()) return;
    ReadPath(entry.string(), walk);
  }
}

void WorkspaceFiles::ReadFile(const fs::path& file, Walk& walk) const {
  const std::string name = file.string();
  if (walk.result.files.size() >= limits_.max_files) {
    return walk.Refuse(name, fmt::format("too many files (limit {})", limits_.max_files));
  }
  // O_NOFOLLOW and fstat: the file swapped for a symlink or fifo after the
  // checks above is still refused; O_NONBLOCK keeps a fifo from blocking open.
  Fd fd{::open(name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
  if (fd.fd < 0)
    return walk.Refuse(name, std::string("cannot open (") + std::strerror(errno) + ")");
  struct stat info {};
  if (::fstat(fd.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return walk.Refuse(name, "refused: not a regular file");
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > limits_.max_file_bytes) {
    return walk.Refuse(name, fmt::format("too big ({} bytes; limit {} bytes, MCP_MAX_FILE_BYTES)",
                                         size, limits_.max_file_bytes));
  }
  std::string text(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd.fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return walk.Refuse(name, std::string("cannot read (") + std::strerror(errno) + ")");
    if (n == 0) break;  // shrank while reading: take what is there
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  if (text.find('\0') < kBinaryProbeBytes) {
    return walk.Refuse(name, "refused: binary file (NUL byte in the first 8 KiB)");
  }
  walk.result.files.push_back({name, std::move(text)});
}

}  // namespace mcp_server
