#include "docker/errors.h"

#include <nlohmann/json.hpp>

namespace docker {

Error::Error(std::string method, std::string path, int status, std::string daemon_message)
    : std::runtime_error(method + " " + path + ": " +
                         (status != 0 ? "HTTP " + std::to_string(status) + ": " : std::string()) +
                         daemon_message),
      method_(std::move(method)),
      path_(std::move(path)),
      status_(status),
      daemon_message_(std::move(daemon_message)) {}

void ThrowForStatus(const std::string& method, const std::string& path, int status,
                    const std::string& body) {
  std::string message = body;
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("message") && json["message"].is_string()) {
    message = json["message"].get<std::string>();
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  switch (status) {
    case 400:
      throw BadRequest(method, path, status, message);
    case 404:
      throw NotFound(method, path, status, message);
    case 409:
      throw Conflict(method, path, status, message);
    default:
      throw ServerError(method, path, status, message);
  }
}

}  // namespace docker
