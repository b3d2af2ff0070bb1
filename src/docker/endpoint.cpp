#include "endpoint.h"

#include <cstdlib>
#include <stdexcept>

namespace docker {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

Endpoint ParseEndpoint(const std::string& host) {
  Endpoint endpoint;
  endpoint.host = !host.empty() ? host : Env("DOCKER_HOST");
  if (endpoint.host.empty()) endpoint.host = "unix:///var/run/docker.sock";

  constexpr std::string_view kUnix = "unix://";
  constexpr std::string_view kTcp = "tcp://";
  if (endpoint.host.starts_with(kUnix)) {
    endpoint.unix_socket = endpoint.host.substr(kUnix.size());
    if (endpoint.unix_socket.empty()) {
      throw std::invalid_argument("DOCKER_HOST '" + endpoint.host + "' names no socket path");
    }
    endpoint.base_url = "http://docker";
    return endpoint;
  }
  if (endpoint.host.starts_with(kTcp)) {
    std::string address = endpoint.host.substr(kTcp.size());
    while (!address.empty() && address.back() == '/') address.pop_back();
    if (address.empty()) {
      throw std::invalid_argument("DOCKER_HOST '" + endpoint.host + "' names no address");
    }
    const std::string verify = Env("DOCKER_TLS_VERIFY");
    endpoint.tls = !verify.empty() && verify != "0";
    if (endpoint.tls) {
      std::string dir = Env("DOCKER_CERT_PATH");
      if (dir.empty()) dir = Env("HOME") + "/.docker";
      endpoint.ca_file = dir + "/ca.pem";
      endpoint.cert_file = dir + "/cert.pem";
      endpoint.key_file = dir + "/key.pem";
    }
    endpoint.base_url = (endpoint.tls ? "https://" : "http://") + address;
    return endpoint;
  }
  throw std::invalid_argument("DOCKER_HOST '" + endpoint.host +
                              "' is not supported: use unix:///path or tcp://host:port");
}

}  // namespace docker
