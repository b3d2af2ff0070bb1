#include "docker/stream_demuxer.h"

#include <algorithm>

namespace docker {

void StreamDemuxer::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    if (remaining_ == 0) {
      const size_t take = std::min(header_.size() - header_filled_, bytes.size());
      std::copy_n(bytes.begin(), take,
                  header_.begin() + static_cast<std::ptrdiff_t>(header_filled_));
      header_filled_ += take;
      bytes.remove_prefix(take);
      if (header_filled_ < header_.size()) return;
      header_filled_ = 0;
      current_ = static_cast<StreamKind>(header_[0]);
      remaining_ = (uint32_t{header_[4]} << 24) | (uint32_t{header_[5]} << 16) |
                   (uint32_t{header_[6]} << 8) | uint32_t{header_[7]};
      continue;
    }
    const size_t take = std::min<size_t>(remaining_, bytes.size());
    sink_(current_, bytes.substr(0, take));
    remaining_ -= static_cast<uint32_t>(take);
    bytes.remove_prefix(take);
  }
}

}  // namespace docker
