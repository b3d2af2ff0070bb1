#include "docker/errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using ::testing::HasSubstr;

template <typename Expected>
void ExpectThrows(int status, const std::string& body, const std::string& message) {
  try {
    docker::ThrowForStatus("POST", "/v1.41/containers/create", status, body);
    FAIL() << "nothing thrown for " << status;
  } catch (const Expected& e) {
    EXPECT_EQ(e.status(), status);
    EXPECT_EQ(e.method(), "POST");
    EXPECT_EQ(e.path(), "/v1.41/containers/create");
    EXPECT_EQ(e.daemon_message(), message);
    EXPECT_THAT(e.what(), HasSubstr(message));
    EXPECT_THAT(e.what(), HasSubstr(std::to_string(status)));
  }
}

TEST(ThrowForStatus, MapsEachStatusToItsErrorWithTheDaemonsMessage) {
  ExpectThrows<docker::BadRequest>(400, R"({"message":"invalid reference format"})",
                                   "invalid reference format");
  ExpectThrows<docker::NotFound>(404, R"({"message":"No such image: nope:1"})",
                                 "No such image: nope:1");
  ExpectThrows<docker::Conflict>(409, R"({"message":"name already in use"})",
                                 "name already in use");
  ExpectThrows<docker::ServerError>(500, R"({"message":"driver failed"})", "driver failed");
  ExpectThrows<docker::ServerError>(503, R"({"message":"busy"})", "busy");
}

TEST(ThrowForStatus, KeepsABodyThatIsNotJson) {
  ExpectThrows<docker::ServerError>(502, "Bad Gateway\n", "Bad Gateway");
}

TEST(ThrowForStatus, EverySubclassIsADockerError) {
  EXPECT_THROW(docker::ThrowForStatus("GET", "/x", 404, "{}"), docker::Error);
  EXPECT_THROW(docker::ThrowForStatus("GET", "/x", 409, "{}"), docker::Error);
}

}  // namespace
