// The attachment and budget settings of Config::FromEnv: defaults, valid
// values, and bad values reported as problems naming the variable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "config.h"

namespace mcp_server::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Sets environment variables for one test and restores them afterwards.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name);
      saved_.push_back({name, old ? std::optional<std::string>(old) : std::nullopt});
      ::setenv(name, value, 1);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name, value->c_str(), 1);
      } else {
        ::unsetenv(name);
      }
    }
  }

 private:
  std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

TEST(AttachmentConfig, DefaultsWhenUnset) {
  const auto config = Config::FromEnv();
  EXPECT_EQ(config.inline_budget_tokens, 12000u);
  EXPECT_EQ(config.attachment_top_k, 4u);
  EXPECT_DOUBLE_EQ(config.attachment_min_score, 0.15);
  EXPECT_EQ(config.chunk_tokens, 300u);
  EXPECT_EQ(config.chunk_overlap_tokens, 50u);
  EXPECT_THAT(config.problems, IsEmpty());
}

TEST(AttachmentConfig, ValidValuesAreRead) {
  ScopedEnv env{{"MCP_INLINE_BUDGET_TOKENS", "4000"},
                {"MCP_ATTACHMENT_TOP_K", "7"},
                {"MCP_ATTACHMENT_MIN_SCORE", "0.3"},
                {"MCP_ATTACHMENT_CHUNK_TOKENS", "200"},
                {"MCP_ATTACHMENT_CHUNK_OVERLAP_TOKENS", "20"}};
  const auto config = Config::FromEnv();
  EXPECT_THAT(config.problems, IsEmpty());
  EXPECT_EQ(config.inline_budget_tokens, 4000u);
  EXPECT_EQ(config.attachment_top_k, 7u);
  EXPECT_DOUBLE_EQ(config.attachment_min_score, 0.3);
  EXPECT_EQ(config.chunk_tokens, 200u);
  EXPECT_EQ(config.chunk_overlap_tokens, 20u);
}

TEST(AttachmentConfig, BadValuesAreProblemsNamingTheVariable) {
  ScopedEnv env{{"MCP_INLINE_BUDGET_TOKENS", "12k"},
                {"MCP_ATTACHMENT_TOP_K", "0"},
                {"MCP_ATTACHMENT_MIN_SCORE", "high"},
                {"MCP_ATTACHMENT_CHUNK_TOKENS", "100"},
                {"MCP_ATTACHMENT_CHUNK_OVERLAP_TOKENS", "80"}};
  const auto config = Config::FromEnv();
  EXPECT_THAT(config.problems, Contains(HasSubstr("MCP_INLINE_BUDGET_TOKENS=\"12k\"")));
  EXPECT_THAT(config.problems, Contains(HasSubstr("MCP_ATTACHMENT_TOP_K=\"0\"")));
  EXPECT_THAT(config.problems, Contains(HasSubstr("MCP_ATTACHMENT_MIN_SCORE=\"high\"")));
  EXPECT_THAT(config.problems, Contains(HasSubstr("at most half of MCP_ATTACHMENT_CHUNK_TOKENS")));
  EXPECT_EQ(config.inline_budget_tokens, 12000u) << "a bad value keeps the default";
}

}  // namespace
}  // namespace mcp_server::testing
