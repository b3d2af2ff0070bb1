// Which health checks the harness may answer over HTTP itself (health_probe.h):
// only those where a 200 to GET of the URL means the command passes.
#include "health_probe.h"

#include <gtest/gtest.h>

namespace e2e {
namespace {

HealthcheckSpec Check(std::vector<std::string> test) {
  return HealthcheckSpec{.test = std::move(test)};
}

TEST(HealthProbe, TheProjectsOwnProbeIsAnHttpGetOfItsUrl) {
  const auto probe = HttpProbeOf(Check(
      {"CMD", "/opt/mcp-e2e/bin/mcp-server", "--healthcheck", "http://127.0.0.1:8000/healthz"}));
  ASSERT_TRUE(probe);
  EXPECT_EQ(probe->port, 8000);
  EXPECT_EQ(probe->path, "/healthz");
}

TEST(HealthProbe, CurlAndWgetWithFlagsOnlyQualify) {
  const auto curl = HttpProbeOf(Check({"CMD", "curl", "-fsS", "http://localhost:9123/rpc?x=1"}));
  ASSERT_TRUE(curl);
  EXPECT_EQ(curl->port, 9123);
  EXPECT_EQ(curl->path, "/rpc?x=1");
  const auto wget = HttpProbeOf(Check({"CMD", "wget", "-q", "--spider", "http://[::1]:81"}));
  ASSERT_TRUE(wget);
  EXPECT_EQ(wget->port, 81);
  EXPECT_EQ(wget->path, "/");
  const auto default_port = HttpProbeOf(Check({"CMD", "curl", "-f", "http://127.0.0.1/ready"}));
  ASSERT_TRUE(default_port);
  EXPECT_EQ(default_port->port, 80);
}

TEST(HealthProbe, AnythingMoreThanAPlainLoopbackGetRunsThroughExec) {
  // A shell may do more than the GET.
  EXPECT_FALSE(HttpProbeOf(Check({"CMD-SHELL", "curl -f http://127.0.0.1:8000/ && test -f /ok"})));
  // An option's value, a method, a second URL: not a plain GET of one URL.
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "curl", "-X", "POST", "http://127.0.0.1:8000/"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "wget", "-O", "/dev/null", "http://127.0.0.1:8000/"})));
  EXPECT_FALSE(
      HttpProbeOf(Check({"CMD", "curl", "http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b"})));
  // Not loopback inside the container, not plain HTTP, no URL, bad ports.
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "curl", "-f", "http://db:5432/"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "curl", "-f", "https://127.0.0.1:8443/"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "pg_isready"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "check", "--ready"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "curl", "http://127.0.0.1:0/"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "curl", "http://127.0.0.1:99999/"})));
  EXPECT_FALSE(HttpProbeOf(Check({"CMD", "curl", "http://127.0.0.1:/"})));
  EXPECT_FALSE(HttpProbeOf(Check({"NONE"})));
}

}  // namespace
}  // namespace e2e
