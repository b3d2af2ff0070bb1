#pragma once
// `program --healthcheck URL`: the probe used by the images' HEALTHCHECK, so
// the images need no curl. Exit code 0 when URL answers 200 within the timeout.

#include <chrono>
#include <string_view>

namespace support {

// GETs `url` (http://host:port/path) and returns 0 on HTTP 200, 1 otherwise.
int RunHealthcheck(std::string_view url,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

}  // namespace support
