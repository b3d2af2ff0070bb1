#include "docker/stream_demuxer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "frames.h"

namespace {

using docker::StreamDemuxer;
using docker::StreamKind;

using docker_test::Frame;

struct Collected {
  std::string out, err, system;
  StreamDemuxer demuxer{[this](StreamKind kind, std::string_view bytes) {
    (kind == StreamKind::kStdout ? out : kind == StreamKind::kStderr ? err : system).append(bytes);
  }};
};

TEST(StreamDemuxer, SeparatesInterleavedStreams) {
  Collected c;
  c.demuxer.Feed(Frame(StreamKind::kStdout, "one ") + Frame(StreamKind::kStderr, "warn") +
                 Frame(StreamKind::kStdout, "two"));
  EXPECT_EQ(c.out, "one two");
  EXPECT_EQ(c.err, "warn");
  EXPECT_TRUE(c.demuxer.AtFrameBoundary());
}

TEST(StreamDemuxer, GivesTheSameResultWhateverTheReadBoundaries) {
  const std::string stream =
      Frame(StreamKind::kStdout, "hello, ") + Frame(StreamKind::kStderr, "careful") +
      Frame(StreamKind::kStdout, std::string(300, 'x')) + Frame(StreamKind::kStdout, "");
  for (size_t split = 0; split <= stream.size(); ++split) {
    SCOPED_TRACE(split);
    Collected c;
    c.demuxer.Feed(stream.substr(0, split));
    c.demuxer.Feed(stream.substr(split));
    EXPECT_EQ(c.out, "hello, " + std::string(300, 'x'));
    EXPECT_EQ(c.err, "careful");
    EXPECT_TRUE(c.demuxer.AtFrameBoundary());
  }
}

TEST(StreamDemuxer, AcceptsOneByteAtATime) {
  const std::string stream = Frame(StreamKind::kStderr, "e") + Frame(StreamKind::kStdout, "out");
  Collected c;
  for (char byte : stream) c.demuxer.Feed(std::string(1, byte));
  EXPECT_EQ(c.out, "out");
  EXPECT_EQ(c.err, "e");
}

TEST(StreamDemuxer, RoutesSystemErrorsSeparately) {
  Collected c;
  c.demuxer.Feed(Frame(StreamKind::kSystemErr, "exec failed"));
  EXPECT_EQ(c.system, "exec failed");
  EXPECT_TRUE(c.out.empty());
}

TEST(StreamDemuxer, ReportsATruncatedStream) {
  const std::string frame = Frame(StreamKind::kStdout, "complete");
  Collected header_cut;
  header_cut.demuxer.Feed(frame.substr(0, 5));
  EXPECT_FALSE(header_cut.demuxer.AtFrameBoundary());
  Collected payload_cut;
  payload_cut.demuxer.Feed(frame.substr(0, frame.size() - 2));
  EXPECT_FALSE(payload_cut.demuxer.AtFrameBoundary());
  EXPECT_EQ(payload_cut.out, "comple");
}

}  // namespace
