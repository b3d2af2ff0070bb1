// /volumes endpoints.
#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {

void Client::CreateVolume(const VolumeCreate& request) {
  nlohmann::json body = {{"Name", request.name}, {"Labels", request.labels}};
  Send({.method = "POST", .path = "/volumes/create", .body = body.dump()});
}

std::vector<VolumeSummary> Client::ListVolumes(const Filters& filters) {
  auto response =
      Send({.method = "GET", .path = "/volumes" + Query({{"filters", FiltersJson(filters)}})});
  std::vector<VolumeSummary> volumes;
  const auto json = nlohmann::json::parse(response.body);
  if (json.contains("Volumes") && json["Volumes"].is_array()) {
    for (const auto& item : json["Volumes"]) {
      volumes.push_back({.name = StringOr(item, "Name"), .labels = LabelsFrom(item)});
    }
  }
  return volumes;
}

void Client::RemoveVolume(const std::string& name) {
  Send({.method = "DELETE", .path = "/volumes/" + name + "?force=1"}, {200, 204, 404});
}

}  // namespace docker
