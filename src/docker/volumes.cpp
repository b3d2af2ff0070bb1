// /volumes endpoints.
#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {
namespace {

VolumeSummary VolumeFrom(const nlohmann::json& item) {
  return {.name = StringOr(item, "Name"),
          .labels = LabelsFrom(item),
          .driver = StringOr(item, "Driver"),
          .mountpoint = StringOr(item, "Mountpoint")};
}

}  // namespace

void Client::CreateVolume(const VolumeCreate& request) {
  nlohmann::json body = {{"Name", request.name}, {"Labels", request.labels}};
  Send({.method = "POST", .path = "/volumes/create", .body = body.dump()});
}

VolumeSummary Client::InspectVolume(const std::string& name) {
  return VolumeFrom(SendJson({.method = "GET", .path = "/volumes/" + name}));
}

std::vector<VolumeSummary> Client::ListVolumes(const Filters& filters) {
  const auto json =
      SendJson({.method = "GET", .path = "/volumes" + Query({{"filters", FiltersJson(filters)}})});
  std::vector<VolumeSummary> volumes;
  if (json.contains("Volumes") && json["Volumes"].is_array()) {
    for (const auto& item : json["Volumes"]) volumes.push_back(VolumeFrom(item));
  }
  return volumes;
}

void Client::RemoveVolume(const std::string& name) {
  Send({.method = "DELETE", .path = "/volumes/" + name + "?force=1"}, {200, 204, 404});
}

PruneReport Client::PruneVolumes(const Filters& filters) {
  auto json = SendJson(
      {.method = "POST", .path = "/volumes/prune" + Query({{"filters", FiltersJson(filters)}})});
  PruneReport report{.space_reclaimed = json.value("SpaceReclaimed", uint64_t{0})};
  if (auto deleted = json.find("VolumesDeleted"); deleted != json.end() && deleted->is_array()) {
    for (const auto& name : *deleted) {
      if (name.is_string()) report.deleted.push_back(name.get<std::string>());
    }
  }
  return report;
}

}  // namespace docker
