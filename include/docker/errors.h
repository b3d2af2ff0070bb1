#pragma once
// Every failure of a Docker Engine call is a docker::Error (or a subclass),
// carrying the HTTP method, the request path, the HTTP status (0 when no answer
// came) and the daemon's own message, so a failed test says exactly what the
// engine refused and why.

#include <stdexcept>
#include <string>

namespace docker {

class Error : public std::runtime_error {
 public:
  Error(std::string method, std::string path, int status, std::string daemon_message);

  const std::string& method() const { return method_; }
  const std::string& path() const { return path_; }
  // HTTP status of the daemon's answer; 0 when the daemon did not answer.
  int status() const { return status_; }
  // The daemon's "message" field (or curl's description when there was no answer).
  const std::string& daemon_message() const { return daemon_message_; }

 private:
  std::string method_;
  std::string path_;
  int status_;
  std::string daemon_message_;
};

// The daemon could not be reached at all (socket missing, refused, TLS failure).
// The message names DOCKER_HOST's value.
class Unreachable : public Error {
  using Error::Error;
};
// A call exceeded its deadline (connect or total time).
class Timeout : public Error {
  using Error::Error;
};
class BadRequest : public Error {  // 400
  using Error::Error;
};
class NotFound : public Error {  // 404
  using Error::Error;
};
class Conflict : public Error {  // 409
  using Error::Error;
};
class ServerError : public Error {  // 5xx and any other unexpected status
  using Error::Error;
};
// An image build's output stream reported an error (the failing step's message).
class BuildFailed : public Error {
  using Error::Error;
};

// Throws the Error subclass that matches `status`. `body` is the daemon's
// answer; its JSON "message" field is extracted when present.
[[noreturn]] void ThrowForStatus(const std::string& method, const std::string& path, int status,
                                 const std::string& body);

}  // namespace docker
