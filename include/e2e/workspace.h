#pragma once
// A stack's /workspace: a volume of the stack's own (compose/stack.yml),
// mounted in the MCP server and in claude-runner, which a test fills with
// fixtures or files it generates. Files go in through the Engine's archive
// endpoint (PUT /containers/{id}/archive), never a bind mount, so a suite
// running in a container that has only the Docker socket works the same.
//
//   workspace().Copy(e2e::FixturePath("attachments/docs"));  // -> /workspace/docs
//   workspace().Write({{"notes/a.md", "# A\n"}});             // -> /workspace/notes/a.md
//   workspace().Symlink("escape", "/etc");                    // a planted link

#include <filesystem>
#include <map>
#include <string>

namespace e2e {

class Stack;

class Workspace {
 public:
  // `service` mounts the workspace volume at `mount_path`; writes go through
  // its container, and every service mounting the same volume sees them.
  Workspace(Stack& stack, std::string service, std::string mount_path);

  // The first service of `stack` (in file order) with a volume mounted at
  // `mount_path`. Throws std::runtime_error when none has one.
  static Workspace Of(Stack& stack, const std::string& mount_path = "/workspace");

  // Copies a host file or folder (recursively, symlinks followed) to `to`,
  // relative to the workspace; by default its own name at the top, e.g.
  // fixtures/attachments/docs -> /workspace/docs. Throws when `source` is missing.
  void Copy(const std::filesystem::path& source, const std::string& to = "");
  // Writes files {path relative to the workspace -> contents} (folders created).
  void Write(const std::map<std::string, std::string>& files);
  // Creates the symbolic link `name` (relative to the workspace) -> `target`.
  void Symlink(const std::string& name, const std::string& target);

  // The absolute path of `relative` inside the containers, e.g. "/workspace/docs".
  std::string Path(const std::string& relative = "") const;
  const std::string& service() const { return service_; }

 private:
  void Put(const std::string& tar);

  Stack& stack_;
  std::string service_;
  std::string mount_path_;
};

// A fixture: <source>/fixtures/<relative> when it exists, else the generated
// <build>/fixtures/<relative> (e.g. "large_context/corpus"). $E2E_FIXTURES_DIR
// replaces the first. Throws std::runtime_error naming both places otherwise.
std::filesystem::path FixturePath(const std::string& relative);

}  // namespace e2e
