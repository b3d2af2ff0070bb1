// System endpoints: /_ping, /version, /info, /events.
#include "docker/client.h"
#include "json_util.h"
#include "transport.h"

namespace docker {

void Client::Ping() {
  // Unversioned on purpose: it is what tells us the version.
  HttpResponse pong = transport().Send(
      {.method = "GET", .path = "/_ping", .timeout = options_.connect_timeout * 2});
  if (pong.status != 200) ThrowForStatus("GET", "/_ping", pong.status, pong.body);
}

nlohmann::json Client::Version() { return SendJson({.method = "GET", .path = "/version"}); }

SystemInfo Client::Info() {
  auto json = SendJson({.method = "GET", .path = "/info"});
  return {.id = StringOr(json, "ID"),
          .name = StringOr(json, "Name"),
          .server_version = StringOr(json, "ServerVersion"),
          .operating_system = StringOr(json, "OperatingSystem"),
          .cgroup_version = StringOr(json, "CgroupVersion"),
          .ncpu = json.value("NCPU", 0),
          .mem_total = json.value("MemTotal", int64_t{0}),
          .containers = json.value("Containers", 0),
          .containers_running = json.value("ContainersRunning", 0),
          .images = json.value("Images", 0),
          .raw = json};
}

void Client::Events(const EventsOptions& options,
                    const std::function<bool(const Event&)>& on_event) {
  const auto since = options.since ? std::to_string(*options.since) : "";
  const auto until = options.until ? std::to_string(*options.until) : "";
  // One JSON object per line; a line may span several reads.
  LineSplitter lines([&](std::string_view line) {
    auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) return true;
    Event event{.type = StringOr(json, "Type"),
                .action = StringOr(json, "Action"),
                .time_nano = json.value("timeNano", int64_t{0})};
    if (auto actor = json.find("Actor"); actor != json.end() && actor->is_object()) {
      event.actor_id = StringOr(*actor, "ID");
      event.attributes = LabelsFrom(*actor, "Attributes");
    }
    event.raw = std::move(json);
    return on_event(event);
  });
  Send({.method = "GET",
        .path =
            "/events" +
            Query({{"since", since}, {"until", until}, {"filters", FiltersJson(options.filters)}}),
        .timeout = options.timeout,
        .on_data = [&](std::string_view chunk) { return lines.Feed(chunk); }},
       {200});
}

}  // namespace docker
