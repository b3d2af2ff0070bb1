#pragma once
// Conversation history in each provider's native shape. Turns are stored
// provider-neutrally (role user|assistant + text), so a session started with
// one model can be continued with another: these functions are the only
// place that knows how each API spells a conversation.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../conversation_store.h"
#include "chat_request.h"

namespace mcp_server {

// Stored turns as chat messages, oldest first.
std::vector<ChatMessage> MessagesFromTurns(const std::vector<Turn>& turns);

// OpenAI Responses `input`: [{"role":"user"|"assistant","content":text}].
// System text travels separately, as the request's `instructions`.
nlohmann::json ToResponsesInput(const std::vector<ChatMessage>& messages);

// OpenAI Chat Completions `messages`: a leading {"role":"system"} when
// `system_text` is not empty, then the conversation.
nlohmann::json ToChatCompletionsMessages(const std::string& system_text,
                                         const std::vector<ChatMessage>& messages);

// Gemini `contents`: [{"role":"user"|"model","parts":[{"text":text}]}]
// (Gemini calls the assistant "model").
nlohmann::json ToGeminiContents(const std::vector<ChatMessage>& messages);

// Gemini `systemInstruction`: {"parts":[{"text":text}]}.
nlohmann::json ToGeminiSystemInstruction(const std::string& system_text);

}  // namespace mcp_server
