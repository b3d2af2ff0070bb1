// The stub's live modes: pass-through to the real providers with recording,
// replay from a cassette, and their admin endpoints:
//   GET  /__stub/cassette       the recorded exchanges (cassette.h), indented
//   POST /__stub/cassette       loads a cassette for replay -> {"exchanges": N}
//   GET  /__stub/replay-misses  requests replay could not answer (replayer.h)
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "cassette.h"
#include "live_semaphore.h"
#include "passthrough.h"
#include "redact.h"
#include "render.h"
#include "server.h"
#include "upstream_credentials.h"

namespace model_stub {
namespace {

std::string QueryOf(const httplib::Request& req) {
  const auto question = req.target.find('?');
  return question == std::string::npos ? "" : req.target.substr(question + 1);
}

JournalEntry Redacted(JournalEntry entry) {
  Redact(entry);
  return entry;
}

// One line per field, so a cassette reads well in a diff.
std::string Indented(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// A 400, so clients fail at once instead of retrying as they would on a 5xx.
Json MissError(Provider provider, const Json& miss) {
  std::string message = "model-stub replay: no recorded exchange matches this request";
  const Json& difference = Field(miss, "difference");
  if (difference.is_object()) {
    message += "; nearest is exchange " + Dump(miss["nearest"]["index"]) +
               ", first difference at " + Dump(difference["pointer"]) + ": recorded " +
               Dump(difference["recorded"]) + ", received " + Dump(difference["received"]);
  } else if (miss.contains("reason")) {
    message += "; " + StringField(miss, "reason");
  }
  return ErrorBody(provider, 400, message);
}

}  // namespace

void StubServer::RegisterLiveRoutes() {
  http_.Get("/__stub/cassette", [this](const httplib::Request& req, httplib::Response& res) {
    res.status = 200;
    res.set_content(Indented(recorder_.Cassette()), "application/json");
    spdlog::debug("{} {} status=200", req.method, req.path);
  });
  http_.Post("/__stub/cassette", [this](const httplib::Request& req, httplib::Response& res) {
    const Json cassette = ParseOrDiscarded(req.body);
    if (cassette.is_discarded()) {
      ServeAdmin(req, res, 400, ErrorBody(Provider::kAdmin, 400, "cassette: not valid JSON"));
      return;
    }
    const auto loaded = replayer_.Load(cassette);
    if (!loaded.error.empty()) {
      ServeAdmin(req, res, 400, ErrorBody(Provider::kAdmin, 400, loaded.error));
      return;
    }
    ServeAdmin(req, res, 200, {{"exchanges", loaded.exchanges}});
  });
  http_.Get("/__stub/replay-misses", [this](const httplib::Request& req, httplib::Response& res) {
    ServeAdmin(req, res, 200, replayer_.Misses());
  });
}

int StubServer::ServeUpstream(const httplib::Request& req, httplib::Response& res,
                              const LiveConfig& config, Provider provider,
                              const JournalEntry& entry, std::int64_t seq) {
  UpstreamRequest upstream;
  upstream.method = req.method;
  upstream.url = UpstreamUrl(config, provider, req.path, QueryOf(req));
  upstream.headers = ForwardedHeaders(req.headers);
  upstream.body = req.body;
  upstream.connect_timeout = config.connect_timeout;
  upstream.timeout = config.timeout;
  upstream.ca_bundle = config.ca_bundle;
  const std::string& key = UpstreamKeyFor(config.keys, provider, req.path);
  ApplyUpstreamKey(upstream, provider, req.path, key);

  // Held until the upstream exchange is over (the hooks die with its stream).
  std::shared_ptr<support::LiveSlot> slot;
  if (config.concurrency > 0) {
    const auto asked = std::chrono::steady_clock::now();
    std::string refusal;
    try {
      slot = std::make_shared<support::LiveSlot>(
          support::LiveSemaphore(config.concurrency, config.slots_dir)
              .Acquire(config.slot_timeout));
    } catch (const std::exception& e) {
      refusal = e.what();
    }
    journal_.SetSlotWait(seq,
                         static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - asked)
                                               .count()));
    if (!refusal.empty()) {
      spdlog::warn("pass-through: {}", refusal);
      Reply refused;
      refused.status = 503;
      refused.body = ErrorBody(provider, 503, "model-stub: " + refusal);
      Render(refused, res);
      return refused.status;
    }
  }

  auto secrets =
      std::make_shared<const Secrets>(entry.headers, entry.query, std::vector<std::string>{key});
  PassThroughHooks hooks;
  hooks.should_stop = [this] { return IsStopping(); };
  hooks.on_complete = [this, seq, secrets, slot, request = CassetteRequest(Redacted(entry))](
                          int status, const HeaderList& headers, const std::string& body) {
    recorder_.Add(seq, request, CassetteResponse(status, headers, body, *secrets));
  };
  return PassThrough(upstream, provider, res, std::move(hooks));
}

int StubServer::ServeReplay(httplib::Response& res, Provider provider, const JournalEntry& entry,
                            std::int64_t seq) {
  Json miss;
  const auto response = replayer_.Answer(seq, CassetteRequest(Redacted(entry)), &miss);
  Reply reply;
  if (response) {
    reply = ReplayedReply(*response);
  } else {
    spdlog::warn("replay miss: {}", Dump(miss));
    reply.status = 400;
    reply.body = MissError(provider, miss);
  }
  Render(reply, res);
  return reply.status;
}

}  // namespace model_stub
