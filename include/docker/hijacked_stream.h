#pragma once
// A connection to the daemon taken over after `Connection: Upgrade` (see
// Client::AttachStdin): raw bytes in both directions, no HTTP any more.
//
// Its socket is close-on-exec, so a process the owner starts does not keep
// the connection open after the owner has gone. The kernel closes it when
// the owning process ends, however it ends, which is what makes it usable as
// a liveness signal.

#include <memory>
#include <string_view>

namespace docker {

class HijackedStream {
 public:
  class Connection;  // libcurl's handle, hidden from users of this header
  explicit HijackedStream(std::unique_ptr<Connection> connection);
  ~HijackedStream();  // closes
  HijackedStream(const HijackedStream&) = delete;
  HijackedStream& operator=(const HijackedStream&) = delete;

  // Writes all of `bytes` (blocking up to 10 s). False when the connection
  // has ended or the write timed out.
  bool Write(std::string_view bytes);
  // Closes the connection now (idempotent).
  void Close();

 private:
  std::unique_ptr<Connection> connection_;
};

}  // namespace docker
