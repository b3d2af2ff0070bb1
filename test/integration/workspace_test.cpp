// e2e::Workspace against the real engine: files, folders and symlinks go in
// through the archive endpoint and every service mounting the volume sees them.
#include "e2e/workspace.h"

#include <filesystem>
#include <fstream>

#include "engine.h"

namespace {

using ::testing::HasSubstr;

class WorkspaceTest : public integration::StackFromFile {
 protected:
  const char* StackFile() const override { return "workspace.yml"; }

  // `command` run by the unprivileged reader; its stdout, or the failure.
  std::string AsReader(std::vector<std::string> command) {
    const docker::ExecResult result = stack().Exec("reader", {.cmd = std::move(command)});
    EXPECT_EQ(result.exit_code, 0) << result.output.err;
    return result.output.out;
  }
};

TEST_F(WorkspaceTest, OfPicksTheFirstServiceMountingTheFolder) {
  EXPECT_EQ(e2e::Workspace::Of(stack()).service(), "writer");
  EXPECT_EQ(e2e::Workspace::Of(stack()).Path("docs/a.md"), "/workspace/docs/a.md");
  EXPECT_THROW(e2e::Workspace::Of(stack(), "/nowhere"), std::runtime_error);
}

TEST_F(WorkspaceTest, WrittenFilesAreReadableByAnotherServiceAsAnotherUser) {
  e2e::Workspace workspace = e2e::Workspace::Of(stack());
  workspace.Write({{"notes/deep/a.md", "alpha\n"}, {"b.txt", "beta\n"}});
  EXPECT_EQ(AsReader({"cat", "/workspace/notes/deep/a.md"}), "alpha\n");
  EXPECT_EQ(AsReader({"cat", "/workspace/b.txt"}), "beta\n");
}

TEST_F(WorkspaceTest, CopiesAHostFolderUnderItsOwnNameOrAnother) {
  const auto dir = std::filesystem::temp_directory_path() / integration::UniqueName("tree");
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "top.md") << "top\n";
  std::ofstream(dir / "sub" / "inner.md") << "inner\n";
  e2e::Workspace workspace = e2e::Workspace::Of(stack());
  workspace.Copy(dir);
  workspace.Copy(dir, "renamed");
  workspace.Copy(dir / "top.md", "single/top-copy.md");
  std::filesystem::remove_all(dir);

  const std::string name = dir.filename().string();
  EXPECT_EQ(AsReader({"cat", "/workspace/" + name + "/sub/inner.md"}), "inner\n");
  EXPECT_EQ(AsReader({"cat", "/workspace/renamed/top.md"}), "top\n");
  EXPECT_EQ(AsReader({"cat", "/workspace/single/top-copy.md"}), "top\n");
}

TEST_F(WorkspaceTest, PlantsASymlinkAsALinkNotAsACopy) {
  e2e::Workspace::Of(stack()).Symlink("escape", "/etc");
  EXPECT_EQ(AsReader({"readlink", "/workspace/escape"}), "/etc\n");
}

TEST_F(WorkspaceTest, AMissingSourceIsAnErrorNamingIt) {
  try {
    e2e::Workspace::Of(stack()).Copy("/no/such/fixture");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/no/such/fixture"));
  }
}

TEST(FixturePath, FindsCommittedAndGeneratedFixturesAndNamesBothPlacesOtherwise) {
  EXPECT_TRUE(std::filesystem::exists(e2e::FixturePath("attachments/docs") / "orion_reactor.md"));
  try {
    e2e::FixturePath("no-such-fixture");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("fixtures/no-such-fixture"));
  }
}

}  // namespace
