// /networks endpoints.
#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {

std::string Client::CreateNetwork(const NetworkCreate& request) {
  nlohmann::json body = {{"Name", request.name},     {"CheckDuplicate", true},
                         {"Driver", "bridge"},        {"Internal", request.internal},
                         {"Labels", request.labels}};
  auto response = Send({.method = "POST", .path = "/networks/create", .body = body.dump()});
  return nlohmann::json::parse(response.body).at("Id").get<std::string>();
}

std::vector<NetworkSummary> Client::ListNetworks(const Filters& filters) {
  auto response =
      Send({.method = "GET", .path = "/networks" + Query({{"filters", FiltersJson(filters)}})});
  std::vector<NetworkSummary> networks;
  for (const auto& item : nlohmann::json::parse(response.body)) {
    networks.push_back({.id = StringOr(item, "Id"),
                        .name = StringOr(item, "Name"),
                        .internal = item.value("Internal", false),
                        .labels = LabelsFrom(item)});
  }
  return networks;
}

void Client::RemoveNetwork(const std::string& id_or_name) {
  Send({.method = "DELETE", .path = "/networks/" + id_or_name}, {200, 204, 404});
}

}  // namespace docker
