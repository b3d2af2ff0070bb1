// /images and /build endpoints.
#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {
namespace {

// The progress stream of build and import: JSON lines with "stream" or
// "status" text, "aux" data, and "error" when the operation failed (inside a
// 200 answer, so the status says nothing).
struct ProgressStream {
  std::function<void(const std::string&)> progress;
  std::string error, image_id, last_lines;
  std::string last_status;  // import answers with the new image id as its last status

  bool OnLine(std::string_view line) {
    auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) return true;
    if (json.contains("error")) {
      error = StringOr(json, "error");
      return true;
    }
    last_status = StringOr(json, "status", last_status);
    if (auto aux = json.find("aux"); aux != json.end() && aux->is_object()) {
      image_id = StringOr(*aux, "ID", image_id);
    }
    std::string text = StringOr(json, "stream", StringOr(json, "status"));
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (text.empty()) return true;
    last_lines += "\n" + text;
    if (last_lines.size() > 2000) last_lines.erase(0, last_lines.size() - 2000);
    if (progress) progress(text);
    return true;
  }
};

}  // namespace

bool Client::ImageExists(const std::string& name) {
  return Send({.method = "GET", .path = "/images/" + name + "/json"}, {200, 404}).status == 200;
}

nlohmann::json Client::InspectImage(const std::string& name) {
  return SendJson({.method = "GET", .path = "/images/" + name + "/json"});
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

  ProgressStream stream{.progress = progress};
  LineSplitter lines([&](std::string_view line) { return stream.OnLine(line); });
  const std::string path = "/build" + Query(params);
  Send({.method = "POST",
        .path = path,
        .body_file = options.context_tar_path,
        .content_type = "application/x-tar",
        .timeout = options.timeout,
        .on_data = [&](std::string_view chunk) { return lines.Feed(chunk); }},
       {200});
  lines.Finish();
  if (!stream.error.empty()) {
    throw BuildFailed("POST", "/v" + ApiVersion() + path, 200,
                      stream.error + "\nlast build output:" + stream.last_lines);
  }
  if (stream.image_id.empty()) {
    throw BuildFailed("POST", "/v" + ApiVersion() + path, 200,
                      "the build stream named no image id; output:" + stream.last_lines);
  }
  return stream.image_id;
}

std::vector<ImageSummary> Client::ListImages(const Filters& filters) {
  auto json = SendJson(
      {.method = "GET", .path = "/images/json" + Query({{"filters", FiltersJson(filters)}})});
  std::vector<ImageSummary> images;
  for (const auto& item : json) {
    ImageSummary image{.id = StringOr(item, "Id"),
                       .labels = LabelsFrom(item),
                       .size = item.value("Size", int64_t{0}),
                       .created = item.value("Created", int64_t{0})};
    if (auto tags = item.find("RepoTags"); tags != item.end() && tags->is_array()) {
      for (const auto& tag : *tags) {
        if (tag.is_string()) image.repo_tags.push_back(tag.get<std::string>());
      }
    }
    images.push_back(std::move(image));
  }
  return images;
}

void Client::TagImage(const std::string& source, const std::string& repo, const std::string& tag) {
  Send({.method = "POST",
        .path = "/images/" + source + "/tag" + Query({{"repo", repo}, {"tag", tag}})},
       {200, 201});
}

std::vector<ImageDeleted> Client::RemoveImage(const std::string& name,
                                              const ImageRemoveOptions& options) {
  HttpRequest request{.method = "DELETE",
                      .path = "/images/" + name +
                              Query({{"force", options.force ? "1" : ""},
                                     {"noprune", options.noprune ? "1" : ""}})};
  if (options.missing_ok &&
      Send({.method = "GET", .path = "/images/" + name + "/json"}, {200, 404}).status == 404) {
    return {};
  }
  std::vector<ImageDeleted> removed;
  try {
    for (const auto& item : SendJson(std::move(request))) {
      removed.push_back(
          {.untagged = StringOr(item, "Untagged"), .deleted = StringOr(item, "Deleted")});
    }
  } catch (const NotFound&) {
    // Removed by someone else between the check and the delete.
    if (!options.missing_ok) throw;
  }
  return removed;
}

std::string Client::ImportImage(const ImageImport& request) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"fromSrc", "-"}, {"repo", request.repo}, {"tag", request.tag}, {"message", request.message}};
  for (const std::string& change : request.changes) params.emplace_back("changes", change);
  const std::string path = "/images/create" + Query(params);

  // The answer streams {"status":"sha256:..."} on success, {"error":...} on failure.
  ProgressStream stream;
  LineSplitter lines([&](std::string_view line) { return stream.OnLine(line); });
  Send({.method = "POST",
        .path = path,
        .body_file = request.source_tar_path,
        .content_type = "application/x-tar",
        .timeout = request.timeout,
        .on_data = [&](std::string_view chunk) { return lines.Feed(chunk); }},
       {200});
  lines.Finish();
  if (!stream.error.empty())
    throw BuildFailed("POST", "/v" + ApiVersion() + path, 200, stream.error);
  if (!stream.last_status.starts_with("sha256:")) {
    throw BuildFailed("POST", "/v" + ApiVersion() + path, 200,
                      "the import stream named no image id:" + stream.last_lines);
  }
  return stream.last_status;
}

}  // namespace docker
