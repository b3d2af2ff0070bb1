#pragma once

#include <string>

namespace tools {

// SHA-256 (hex) over every file under `dir` (symbolic links followed), in
// sorted order, covering each file's relative path, permission bits and
// content. The same inputs give the same hash on every machine, so it can
// name an image.
std::string HashTree(const std::string& dir);

}  // namespace tools
