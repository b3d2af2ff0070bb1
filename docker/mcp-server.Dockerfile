# The reference MCP server (program under test). The build context holds the
# project's binary and the shared libraries it needs (cmake/PrepareImageContext.cmake),
# so nothing is downloaded while building.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --create-home --home-dir /home/app app \
 && mkdir -p /data /workspace && chown app:app /data /workspace
COPY lib/ /opt/mcp-e2e/lib/
COPY bin/mcp-server /opt/mcp-e2e/bin/mcp-server
ENV LD_LIBRARY_PATH=/opt/mcp-e2e/lib MCP_PORT=8000 MCP_DATA_DIR=/data
USER app
WORKDIR /workspace
EXPOSE 8000
HEALTHCHECK --interval=2s --timeout=2s --retries=15 \
  CMD ["/opt/mcp-e2e/bin/mcp-server", "--healthcheck", "http://127.0.0.1:8000/healthz"]
ENTRYPOINT ["/opt/mcp-e2e/bin/mcp-server"]
