// schema_check: the JSON Schema subset tool arguments and structured answers
// are validated with; every message names the place and what is allowed.

#include "schema_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mcp_server {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Optional;

TEST(SchemaCheck, NumbersAndIntegersRespectTypeAndRange) {
  const json schema = {{"type", "object"},
                       {"properties",
                        {{"t", {{"type", "number"}, {"minimum", 0}, {"maximum", 2}}},
                         {"n", {{"type", "integer"}, {"minimum", 1}}}}}};
  EXPECT_EQ(CheckArguments(schema, {{"t", 1.5}, {"n", 3}}), std::nullopt);
  EXPECT_EQ(CheckArguments(schema, {{"n", 2.0}}), std::nullopt) << "2.0 is an integer in JSON";
  EXPECT_THAT(CheckArguments(schema, {{"t", 2.5}}),
              Optional(AllOf(HasSubstr("'t'"), HasSubstr("between 0 and 2"))));
  EXPECT_THAT(CheckArguments(schema, {{"t", "hot"}}),
              Optional(HasSubstr("'t' must be of type number")));
  EXPECT_THAT(CheckArguments(schema, {{"n", 1.5}}),
              Optional(HasSubstr("'n' must be of type integer")));
  EXPECT_THAT(CheckArguments(schema, {{"n", 0}}), Optional(HasSubstr("'n' must be >= 1")));
}

TEST(SchemaCheck, EnumsListTheAllowedValues) {
  const json schema = {{"properties", {{"e", {{"type", "string"}, {"enum", {"low", "high"}}}}}}};
  EXPECT_THAT(CheckArguments(schema, {{"e", "mid"}}),
              Optional(AllOf(HasSubstr("'e'"), HasSubstr(R"(["low","high"])"))));
}

TEST(SchemaCheck, ArraysCheckMinItemsAndEveryItem) {
  const json schema = {{"properties",
                        {{"a",
                          {{"type", "array"},
                           {"minItems", 1},
                           {"items", {{"type", "string"}, {"minLength", 1}}}}}}}};
  EXPECT_EQ(CheckArguments(schema, {{"a", {"x", "y"}}}), std::nullopt);
  EXPECT_THAT(CheckArguments(schema, {{"a", json::array()}}),
              Optional(HasSubstr("at least 1 item")));
  EXPECT_THAT(CheckArguments(schema, {{"a", {"x", 3}}}),
              Optional(HasSubstr("'a[1]' must be of type string")));
  EXPECT_THAT(CheckArguments(schema, {{"a", {"x", ""}}}),
              Optional(HasSubstr("'a[1]' must not be empty")));
}

TEST(SchemaCheck, ObjectsCheckRequiredAndClosedPropertiesAtAnyDepth) {
  const json schema = {{"type", "object"},
                       {"properties",
                        {{"o",
                          {{"type", "object"},
                           {"properties", {{"k", {{"type", "boolean"}}}}},
                           {"required", {"k"}},
                           {"additionalProperties", false}}}}},
                       {"required", {"o"}},
                       {"additionalProperties", false}};
  EXPECT_EQ(CheckArguments(schema, {{"o", {{"k", true}}}}), std::nullopt);
  EXPECT_THAT(CheckArguments(schema, json::object()),
              Optional(HasSubstr("missing required parameter 'o'")));
  EXPECT_THAT(CheckArguments(schema, {{"o", json::object()}}),
              Optional(HasSubstr("'o.k' is required")));
  EXPECT_THAT(CheckArguments(schema, {{"o", {{"k", true}, {"x", 1}}}}),
              Optional(HasSubstr("'o.x' is not allowed")));
  EXPECT_THAT(CheckArguments(schema, {{"o", {{"k", true}}}, {"zz", 1}}),
              Optional(AllOf(HasSubstr("unknown parameter 'zz'"), HasSubstr("allowed: o"))));
  EXPECT_THAT(CheckArguments(schema, {{"o", 5}}),
              Optional(HasSubstr("'o' must be of type object")));
}

TEST(SchemaCheck, AnswersAreCheckedWithAPathFromTheRoot) {
  const json schema = {
      {"type", "object"},
      {"properties", {{"items", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}},
      {"required", {"items"}}};
  EXPECT_EQ(CheckAgainstSchema(schema, {{"items", {1, 2}}}), std::nullopt);
  EXPECT_THAT(CheckAgainstSchema(schema, {{"items", {1, "two"}}}),
              Optional(HasSubstr("'$.items[1]' must be of type integer")));
  EXPECT_THAT(CheckAgainstSchema(schema, json::object()),
              Optional(HasSubstr("'$.items' is required")));
  EXPECT_THAT(CheckAgainstSchema({{"type", {"string", "null"}}}, 3),
              Optional(HasSubstr(R"(["string","null"])")));
  EXPECT_EQ(CheckAgainstSchema({{"type", {"string", "null"}}}, nullptr), std::nullopt);
}

}  // namespace
}  // namespace mcp_server
