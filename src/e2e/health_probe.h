#pragma once
// Readiness sooner than Docker's health interval: when a health check is
// only an HTTP GET of a loopback URL inside the container (the project's
// `--healthcheck http://127.0.0.1:8000/healthz`, `curl -f URL`, `wget -q URL`),
// the harness asks the same path at the container's address itself, which
// takes a millisecond where an exec takes 40-500 ms (more while other
// containers start). Any other check runs through exec as written.
#include <optional>
#include <string>

#include "e2e/stack_spec.h"

namespace e2e {

struct HttpHealthProbe {
  int port = 80;
  std::string path = "/";  // with the query, if any
};

// The probe equivalent to `check`, or nullopt. Only CMD checks qualify whose
// arguments after the program are flags (starting with '-') plus exactly one
// http:// URL on 127.0.0.1, localhost or [::1]: then a 2xx answer means the
// command would pass. CMD-SHELL, https, other hosts, more arguments: nullopt.
std::optional<HttpHealthProbe> HttpProbeOf(const HealthcheckSpec& check);

}  // namespace e2e
