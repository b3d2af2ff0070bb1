#include "docker/tar_reader.h"

#include <gtest/gtest.h>

#include "docker/tar_writer.h"

namespace {

TEST(ReadTarFile, FindsOneFileByNameIgnoringALeadingDotSlash) {
  auto tar = docker::TarWriter::ToMemory();
  tar.AddFile("./etc/hostname", "box\n");
  tar.AddFile("data/empty", "");
  tar.Finish();
  const std::string bytes = tar.TakeBytes();
  EXPECT_EQ(docker::ReadTarFile(bytes, "etc/hostname"), "box\n");
  EXPECT_EQ(docker::ReadTarFile(bytes, "data/empty"), "");
  EXPECT_EQ(docker::ReadTarFile(bytes, "missing"), std::nullopt);
}

TEST(ReadTarFile, RejectsBytesThatAreNotATar) {
  EXPECT_THROW(docker::ReadTarFile(std::string(1024, 'x'), "a"), std::runtime_error);
}

}  // namespace
