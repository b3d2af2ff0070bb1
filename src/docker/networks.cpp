// /networks endpoints.
#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {
namespace {

std::vector<std::string> StringsIn(const nlohmann::json& object, const char* field) {
  std::vector<std::string> strings;
  auto it = object.find(field);
  if (it == object.end() || !it->is_array()) return strings;
  for (const auto& item : *it) {
    if (item.is_string()) strings.push_back(item.get<std::string>());
  }
  return strings;
}

}  // namespace

std::string Client::CreateNetwork(const NetworkCreate& request) {
  nlohmann::json body = {{"Name", request.name},
                         {"CheckDuplicate", true},
                         {"Driver", "bridge"},
                         {"Internal", request.internal},
                         {"Labels", request.labels}};
  if (!request.subnet.empty()) {
    nlohmann::json pool = {{"Subnet", request.subnet}};
    if (!request.gateway.empty()) pool["Gateway"] = request.gateway;
    body["IPAM"] = {{"Driver", "default"}, {"Config", nlohmann::json::array({pool})}};
  }
  return StringOr(SendJson({.method = "POST", .path = "/networks/create", .body = body.dump()}),
                  "Id");
}

NetworkInspect Client::InspectNetwork(const std::string& id_or_name) {
  auto json = SendJson({.method = "GET", .path = "/networks/" + id_or_name});
  NetworkInspect network{.id = StringOr(json, "Id"),
                         .name = StringOr(json, "Name"),
                         .driver = StringOr(json, "Driver"),
                         .internal = json.value("Internal", false),
                         .labels = LabelsFrom(json)};
  if (auto ipam = json.find("IPAM"); ipam != json.end() && ipam->is_object()) {
    if (auto config = ipam->find("Config"); config != ipam->end() && config->is_array()) {
      for (const auto& pool : *config) network.subnets.push_back(StringOr(pool, "Subnet"));
    }
  }
  if (auto containers = json.find("Containers");
      containers != json.end() && containers->is_object()) {
    for (const auto& [id, endpoint] : containers->items()) {
      network.containers[id] = {.name = StringOr(endpoint, "Name"),
                                .ipv4_address = StringOr(endpoint, "IPv4Address")};
    }
  }
  network.raw = std::move(json);
  return network;
}

std::vector<NetworkSummary> Client::ListNetworks(const Filters& filters) {
  auto json =
      SendJson({.method = "GET", .path = "/networks" + Query({{"filters", FiltersJson(filters)}})});
  std::vector<NetworkSummary> networks;
  for (const auto& item : json) {
    networks.push_back({.id = StringOr(item, "Id"),
                        .name = StringOr(item, "Name"),
                        .internal = item.value("Internal", false),
                        .labels = LabelsFrom(item)});
  }
  return networks;
}

void Client::ConnectNetwork(const std::string& network, const std::string& container,
                            const std::vector<std::string>& aliases) {
  nlohmann::json body = {{"Container", container}, {"EndpointConfig", {{"Aliases", aliases}}}};
  Send({.method = "POST", .path = "/networks/" + network + "/connect", .body = body.dump()}, {200});
}

void Client::DisconnectNetwork(const std::string& network, const std::string& container,
                               bool force) {
  nlohmann::json body = {{"Container", container}, {"Force", force}};
  Send({.method = "POST", .path = "/networks/" + network + "/disconnect", .body = body.dump()},
       {200});
}

void Client::RemoveNetwork(const std::string& id_or_name) {
  Send({.method = "DELETE", .path = "/networks/" + id_or_name}, {200, 204, 404});
}

PruneReport Client::PruneNetworks(const Filters& filters) {
  auto json = SendJson(
      {.method = "POST", .path = "/networks/prune" + Query({{"filters", FiltersJson(filters)}})});
  return {.deleted = StringsIn(json, "NetworksDeleted")};
}

}  // namespace docker
