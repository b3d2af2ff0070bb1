#pragma once
// How a chat call's parts become the text a model sees: the system text
// (answer format, structured-output reminder) and the new user message
// (inlined context files, each labelled with its path, then the instructions).

#include <string>
#include <vector>

#include "../files/workspace_files.h"
#include "chat_arguments.h"

namespace mcp_server {

std::string ChatSystemText(const ChatArguments& arguments);

std::string ChatUserText(const std::string& instructions, const std::vector<WorkspaceFile>& files);

}  // namespace mcp_server
