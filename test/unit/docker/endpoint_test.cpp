#include "endpoint.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace {

TEST(ParseEndpoint, UnixSocket) {
  const auto endpoint = docker::ParseEndpoint("unix:///run/user/1000/docker.sock");
  EXPECT_EQ(endpoint.unix_socket, "/run/user/1000/docker.sock");
  EXPECT_EQ(endpoint.base_url, "http://docker");
  EXPECT_FALSE(endpoint.tls);
}

TEST(ParseEndpoint, DefaultsToTheEnvironmentThenTheStandardSocket) {
  ::unsetenv("DOCKER_HOST");
  EXPECT_EQ(docker::ParseEndpoint("").unix_socket, "/var/run/docker.sock");
  ::setenv("DOCKER_HOST", "unix:///tmp/other.sock", 1);
  EXPECT_EQ(docker::ParseEndpoint("").unix_socket, "/tmp/other.sock");
  ::unsetenv("DOCKER_HOST");
}

TEST(ParseEndpoint, TcpWithAndWithoutTls) {
  ::unsetenv("DOCKER_TLS_VERIFY");
  EXPECT_EQ(docker::ParseEndpoint("tcp://10.0.0.5:2375").base_url, "http://10.0.0.5:2375");

  ::setenv("DOCKER_TLS_VERIFY", "1", 1);
  ::setenv("DOCKER_CERT_PATH", "/certs", 1);
  const auto endpoint = docker::ParseEndpoint("tcp://docker.example:2376/");
  EXPECT_TRUE(endpoint.tls);
  EXPECT_EQ(endpoint.base_url, "https://docker.example:2376");
  EXPECT_EQ(endpoint.ca_file, "/certs/ca.pem");
  EXPECT_EQ(endpoint.cert_file, "/certs/cert.pem");
  EXPECT_EQ(endpoint.key_file, "/certs/key.pem");
  ::unsetenv("DOCKER_TLS_VERIFY");
  ::unsetenv("DOCKER_CERT_PATH");
}

TEST(ParseEndpoint, RejectsOtherSchemesAndEmptyAddresses) {
  EXPECT_THROW(docker::ParseEndpoint("ssh://me@host"), std::invalid_argument);
  EXPECT_THROW(docker::ParseEndpoint("npipe:////./pipe/docker_engine"), std::invalid_argument);
  EXPECT_THROW(docker::ParseEndpoint("unix://"), std::invalid_argument);
  EXPECT_THROW(docker::ParseEndpoint("tcp://"), std::invalid_argument);
}

}  // namespace
