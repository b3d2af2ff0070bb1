// OpenAiEmbeddingsClient against the fake provider, and HttpPost's abort hook
// against a server that never answers.
#include "embeddings_client.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_post.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

EmbeddingsSettings SettingsFor(const FakeProviders& fake) {
  EmbeddingsSettings settings;
  settings.base_url = fake.base_url();
  settings.api_key = "sk-test-key";
  settings.model = "text-embedding-3-small";
  settings.total_timeout = std::chrono::seconds(10);
  settings.retry.backoff_base = std::chrono::milliseconds(10);
  return settings;
}

// Listens on 127.0.0.1 but never accepts: connections succeed (the kernel
// queues them) and requests are never answered.
class SilentServer {
 public:
  SilentServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (fd_ < 0 || bind(fd_, generic, length) != 0 || listen(fd_, 8) != 0 ||
        getsockname(fd_, generic, &length) != 0) {
      throw std::runtime_error("silent server: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1/embeddings"; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(EmbeddingsClient, EmbedsABatchInInputOrder) {
  FakeProviders fake;
  const OpenAiEmbeddingsClient client(SettingsFor(fake));
  const auto reply = client.Embed({"alpha beta", "gamma"});
  ASSERT_TRUE(reply.ok) << reply.error;
  ASSERT_EQ(reply.vectors.size(), 2u);
  EXPECT_EQ(reply.vectors[0], FakeProviders::HashEmbedding("alpha beta"));
  EXPECT_EQ(reply.vectors[1], FakeProviders::HashEmbedding("gamma"));

  const auto requests = fake.memory_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/v1/embeddings");
  EXPECT_EQ(requests[0].authorization, "Bearer sk-test-key");
  EXPECT_EQ(requests[0].body,
            OpenAiEmbeddingsClient::BuildBody("text-embedding-3-small", {"alpha beta", "gamma"}));
  EXPECT_EQ(requests[0].body["encoding_format"], "float");
}

TEST(EmbeddingsClient, ParseVectorsOrdersByIndexAndRejectsGapsAndJunk) {
  const json shuffled{
      {"data",
       {{{"index", 1}, {"embedding", {0.5, 0.25}}}, {{"index", 0}, {"embedding", {1.0, 0.0}}}}}};
  const auto vectors = OpenAiEmbeddingsClient::ParseVectors(shuffled, 2);
  ASSERT_TRUE(vectors);
  EXPECT_EQ(vectors->at(0), (std::vector<float>{1.0f, 0.0f}));
  EXPECT_EQ(vectors->at(1), (std::vector<float>{0.5f, 0.25f}));

  const json duplicate{
      {"data", {{{"index", 0}, {"embedding", {1.0}}}, {{"index", 0}, {"embedding", {1.0}}}}}};
  EXPECT_FALSE(OpenAiEmbeddingsClient::ParseVectors(duplicate, 2));
  EXPECT_FALSE(OpenAiEmbeddingsClient::ParseVectors(shuffled, 3)) << "one vector per text";
  EXPECT_FALSE(OpenAiEmbeddingsClient::ParseVectors(
      json{{"data", {{{"index", 0}, {"embedding", {"x"}}}}}}, 1));
  EXPECT_FALSE(OpenAiEmbeddingsClient::ParseVectors(json::array(), 0));
}

TEST(EmbeddingsClient, RetriesAServerErrorThenSucceeds) {
  FakeProviders fake;
  fake.ScriptMemory("/v1/embeddings", {503, R"({"error":{"message":"busy"}})", {}, {}});
  const OpenAiEmbeddingsClient client(SettingsFor(fake));
  const auto reply = client.Embed({"alpha"});
  ASSERT_TRUE(reply.ok) << reply.error;
  EXPECT_EQ(reply.attempts, 2);
}

TEST(EmbeddingsClient, AClientErrorIsNotRetriedAndNamesTheEndpointAndStatus) {
  FakeProviders fake;
  fake.ScriptMemory("/v1/embeddings", {400, R"({"error":{"message":"bad model"}})", {}, {}});
  const OpenAiEmbeddingsClient client(SettingsFor(fake));
  const auto reply = client.Embed({"alpha"});
  EXPECT_FALSE(reply.ok);
  EXPECT_EQ(reply.attempts, 1);
  EXPECT_THAT(reply.error, HasSubstr("/embeddings returned HTTP 400: bad model"));
  EXPECT_THAT(reply.error, ::testing::Not(HasSubstr("sk-test-key")));
}

TEST(EmbeddingsClient, AMissingApiKeyFailsWithoutARequest) {
  FakeProviders fake;
  auto settings = SettingsFor(fake);
  settings.api_key.clear();
  const auto reply = OpenAiEmbeddingsClient(settings).Embed({"alpha"});
  EXPECT_FALSE(reply.ok);
  EXPECT_THAT(reply.error, HasSubstr("OPENAI_API_KEY"));
  EXPECT_TRUE(fake.memory_requests().empty());
}

TEST(HttpPostAbort, AnAbortedCallToASilentServerEndsWithinAFewPolls) {
  SilentServer silent;
  const auto start = std::chrono::steady_clock::now();
  const auto abort_after = std::chrono::milliseconds(200);
  HttpPostRequest request;
  request.url = silent.url();
  request.body = "{}";
  request.total_timeout = std::chrono::seconds(30);
  // The caller gives up 200 ms in, while the request waits for an answer.
  request.should_abort = [&] { return std::chrono::steady_clock::now() - start > abort_after; };

  const HttpPostResponse response = HttpPost(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_TRUE(response.aborted);
  EXPECT_FALSE(response.retryable_transport_error);
  EXPECT_THAT(response.transport_error, HasSubstr("aborted"));
  EXPECT_LT(elapsed, abort_after + std::chrono::milliseconds(300));
}

}  // namespace
}  // namespace mcp_server::testing
