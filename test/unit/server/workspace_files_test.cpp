// workspace_files: only regular text files under the allowed roots are read;
// every refusal names the path and the reason.

#include "files/workspace_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "test_support.h"

namespace mcp_server::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class WorkspaceFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::canonical(dir_.path()) / "workspace";
    outside_ = fs::canonical(dir_.path()) / "outside";
    Write(outside_ / "secret.txt", "SECRET");
    fs::create_directories(root_);
  }

  WorkspaceRead Read(std::vector<std::string> paths, std::uintmax_t max_bytes = 1024) const {
    return WorkspaceFiles({{root_}, max_bytes}).Read(paths);
  }

  static std::vector<std::string> Paths(const WorkspaceRead& read) {
    std::vector<std::string> paths;
    for (const auto& file : read.files) paths.push_back(file.path);
    return paths;
  }

  TempDir dir_;
  fs::path root_;
  fs::path outside_;
};

TEST_F(WorkspaceFilesTest, ReadsAFileUnderTheRootWithItsText) {
  Write(root_ / "a.txt", "hello");
  const auto read = Read({(root_ / "a.txt").string()});
  ASSERT_EQ(read.refusal, std::nullopt);
  ASSERT_EQ(read.files.size(), 1u);
  EXPECT_EQ(read.files[0].path, (root_ / "a.txt").string());
  EXPECT_EQ(read.files[0].text, "hello");
}

TEST_F(WorkspaceFilesTest, RelativePathsResolveAgainstTheFirstRoot) {
  Write(root_ / "sub" / "b.txt", "b");
  EXPECT_THAT(Paths(Read({"sub/b.txt"})), ElementsAre((root_ / "sub" / "b.txt").string()));
}

TEST_F(WorkspaceFilesTest, DotDotEscapeIsRefused) {
  const std::string escape = (root_ / ".." / "outside" / "secret.txt").string();
  const auto read = Read({escape});
  EXPECT_THAT(read.refusal,
              Optional(AllOf(HasSubstr(escape), HasSubstr("outside the allowed roots"))));
  EXPECT_TRUE(read.files.empty());
}

TEST_F(WorkspaceFilesTest, SymlinkEscapeIsRefusedEvenInsideADirectoryWalk) {
  fs::create_symlink(outside_ / "secret.txt", root_ / "link.txt");
  EXPECT_THAT(Read({(root_ / "link.txt").string()}).refusal,
              Optional(AllOf(HasSubstr("link.txt"), HasSubstr("resolves to"),
                             HasSubstr("outside the allowed roots"))));
  EXPECT_THAT(Read({root_.string()}).refusal, Optional(HasSubstr("outside the allowed roots")));
}

TEST_F(WorkspaceFilesTest, SymlinkWithinTheRootIsFollowed) {
  Write(root_ / "real.txt", "real");
  fs::create_symlink(root_ / "real.txt", root_ / "alias.txt");
  EXPECT_THAT(Paths(Read({(root_ / "alias.txt").string()})),
              ElementsAre((root_ / "real.txt").string()));
}

TEST_F(WorkspaceFilesTest, BinaryFileIsRefused) {
  Write(root_ / "blob.bin", std::string("abc\0def", 7));
  EXPECT_THAT(Read({(root_ / "blob.bin").string()}).refusal,
              Optional(AllOf(HasSubstr("blob.bin"), HasSubstr("binary"))));
}

TEST_F(WorkspaceFilesTest, FileOverTheSizeLimitIsRefused) {
  Write(root_ / "big.txt", std::string(2000, 'x'));
  EXPECT_THAT(Read({(root_ / "big.txt").string()}, 1000).refusal,
              Optional(AllOf(HasSubstr("big.txt"), HasSubstr("too big"), HasSubstr("2000"),
                             HasSubstr("MCP_MAX_FILE_BYTES"))));
  EXPECT_EQ(Read({(root_ / "big.txt").string()}, 2000).refusal, std::nullopt);
}

TEST_F(WorkspaceFilesTest, DirectoryIsWalkedInSortedOrderSkippingHiddenEntries) {
  Write(root_ / "b.txt", "b");
  Write(root_ / "a" / "z.txt", "z");
  Write(root_ / "c.txt", "c");
  Write(root_ / ".env", "TOKEN");
  Write(root_ / ".git" / "config", "cfg");
  EXPECT_THAT(Paths(Read({root_.string()})),
              ElementsAre((root_ / "a" / "z.txt").string(), (root_ / "b.txt").string(),
                          (root_ / "c.txt").string()));
}

TEST_F(WorkspaceFilesTest, DeviceUnderAnAllowedRootIsRefused) {
  const auto read = WorkspaceFiles({{"/dev"}, 1024}).Read({"/dev/null"});
  EXPECT_THAT(read.refusal, Optional(AllOf(HasSubstr("/dev/null"), HasSubstr("character device"))));
}

TEST_F(WorkspaceFilesTest, FifoIsRefusedWithoutBlocking) {
  const auto fifo = root_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(Read({fifo.string()}).refusal, Optional(AllOf(HasSubstr("pipe"), HasSubstr("fifo"))));
}

TEST_F(WorkspaceFilesTest, MissingFileIsRefusedNamingIt) {
  EXPECT_THAT(Read({(root_ / "nope.txt").string()}).refusal,
              Optional(AllOf(HasSubstr("nope.txt"), HasSubstr("cannot resolve"))));
}

TEST_F(WorkspaceFilesTest, OneRefusalRefusesTheWholeRead) {
  Write(root_ / "ok.txt", "ok");
  const auto read = Read({(root_ / "ok.txt").string(), (outside_ / "secret.txt").string()});
  EXPECT_TRUE(read.refusal.has_value());
  EXPECT_TRUE(read.files.empty());
}

}  // namespace
}  // namespace mcp_server::testing
