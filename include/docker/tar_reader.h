#pragma once
// Reads tar archives (via libarchive), e.g. the answer of
// GET /containers/{id}/archive.

#include <optional>
#include <string>
#include <string_view>

namespace docker {

// The contents of the regular file called `name` (relative, '/'-separated, a
// leading "./" ignored) in the tar `archive` (compressed or not); nullopt when
// there is none. Throws std::runtime_error when the archive is corrupt.
std::optional<std::string> ReadTarFile(std::string_view archive, std::string_view name);

}  // namespace docker
