#pragma once
// Where the daemon is: parsed from DOCKER_HOST (+ DOCKER_TLS_VERIFY, DOCKER_CERT_PATH).

#include <string>

namespace docker {

struct Endpoint {
  std::string host;         // as given, for messages: "unix:///var/run/docker.sock"
  std::string unix_socket;  // set for unix://
  std::string base_url;     // "http://docker" for unix sockets, "http(s)://h:p" for tcp
  bool tls = false;
  std::string ca_file, cert_file, key_file;
};

// Parses `host` ("unix:///path" or "tcp://host:port"; empty = the environment's
// DOCKER_HOST or the default socket). TLS is used for tcp when
// DOCKER_TLS_VERIFY is set, with ca.pem/cert.pem/key.pem from DOCKER_CERT_PATH
// (default ~/.docker). Throws std::invalid_argument on any other scheme.
Endpoint ParseEndpoint(const std::string& host);

}  // namespace docker
