// /images and /build endpoints.
#include <sstream>

#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {

bool Client::ImageExists(const std::string& name) {
  return Send({.method = "GET", .path = "/images/" + name + "/json"}, {200, 404}).status == 200;
}

nlohmann::json Client::InspectImage(const std::string& name) {
  return nlohmann::json::parse(Send({.method = "GET", .path = "/images/" + name + "/json"}).body);
}

std::string Client::BuildImage(const BuildOptions& options,
                               const std::function<void(const std::string&)>& progress) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"dockerfile", options.dockerfile},
      {"labels", nlohmann::json(options.labels).dump()},
      {"buildargs", nlohmann::json(options.build_args).dump()},
      {"rm", "1"},
      {"forcerm", "1"},  // failed steps must not leave unlabelled containers behind
  };
  for (const std::string& tag : options.tags) params.emplace_back("t", tag);

  // The answer is a 200 stream of JSON lines; errors arrive inside it.
  std::string pending, error, image_id, last_lines;
  auto on_line = [&](const std::string& line) {
    auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) return;
    if (json.contains("error")) {
      error = StringOr(json, "error");
      return;
    }
    if (json.contains("aux") && json["aux"].contains("ID")) {
      image_id = json["aux"]["ID"].get<std::string>();
    }
    std::string text = StringOr(json, "stream");
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (text.empty()) return;
    last_lines = (last_lines + "\n" + text);
    if (last_lines.size() > 2000) last_lines.erase(0, last_lines.size() - 2000);
    if (progress) progress(text);
  };
  const std::string path = "/build" + Query(params);
  Send({.method = "POST",
        .path = path,
        .body_file = options.context_tar_path,
        .content_type = "application/x-tar",
        .timeout = options.timeout,
        .on_data =
            [&](std::string_view chunk) {
              pending.append(chunk);
              for (size_t newline; (newline = pending.find('\n')) != std::string::npos;) {
                on_line(pending.substr(0, newline));
                pending.erase(0, newline + 1);
              }
            }},
       {200});
  if (!pending.empty()) on_line(pending);
  if (!error.empty()) {
    throw BuildFailed("POST", path, 200, error + "\nlast build output:" + last_lines);
  }
  if (image_id.empty()) {
    throw BuildFailed("POST", path, 200, "the build stream named no image id; output:" + last_lines);
  }
  return image_id;
}

}  // namespace docker
