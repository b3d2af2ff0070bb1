# The reaper sidecar: one per test process, removes that process's resources
# once its connection is gone (src/reaper/main.cpp). Runs as root only to use
# the daemon's socket, mounted by the harness; no network, no capabilities.
FROM debian:bookworm-slim
COPY lib/ /opt/mcp-e2e/lib/
COPY bin/e2e-reaper /opt/mcp-e2e/bin/e2e-reaper
ENV LD_LIBRARY_PATH=/opt/mcp-e2e/lib
ENTRYPOINT ["/opt/mcp-e2e/bin/e2e-reaper"]
