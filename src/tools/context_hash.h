#pragma once

#include <string>

namespace tools {

// SHA-256 (hex) over every file under `dir` (symbolic links followed), in
// sorted order, covering each file's relative path, permission bits and
// content. The same inputs give the same hash on every machine, so it can
// name an image. `salt` (e.g. the base image's id) is hashed first, so an
// image built on another base gets another name.
std::string HashTree(const std::string& dir, const std::string& salt = "");

}  // namespace tools
