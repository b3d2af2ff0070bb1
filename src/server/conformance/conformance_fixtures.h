#pragma once
// The fixtures the official MCP conformance suite
// (@modelcontextprotocol/conformance 0.1.16, server scenarios) calls by name:
// tools (test_simple_text, test_tool_with_progress, test_sampling, ...),
// resources (test://static-text, test://template/{id}/data, ...) and prompts
// (test_simple_prompt, ...), answering as its reference "everything server"
// does. Registered only with MCP_CONFORMANCE_FIXTURES=1.

#include "../protocol/prompt_catalog.h"
#include "../protocol/resource_catalog.h"
#include "../tool_registry.h"

namespace mcp_server {

void AddConformanceFixtureTools(ToolRegistry& tools);
void AddConformanceFixtureResources(ResourceCatalog& resources);
void AddConformanceFixturePrompts(PromptCatalog& prompts);

// A 1x1 PNG and a minimal WAV, base64, as the suite's fixtures use.
inline constexpr const char* kFixturePngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg"
    "==";
inline constexpr const char* kFixtureWavBase64 =
    "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

}  // namespace mcp_server
