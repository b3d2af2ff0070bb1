# The deterministic provider fake (Anthropic, OpenAI, Gemini wire formats).
FROM debian:bookworm-slim
# The mount point of the machine-wide live-slots volume (compose/stack.yml): a
# new volume takes this folder's owner, so the stub can create lock files there.
RUN useradd --system --uid 10001 --no-create-home app \
 && mkdir -p /var/lib/model-stub/live-slots && chown app /var/lib/model-stub/live-slots
COPY lib/ /opt/mcp-e2e/lib/
COPY bin/model-stub /opt/mcp-e2e/bin/model-stub
# Live mode calls the providers over HTTPS; the base image has no
# ca-certificates (and no network to install it): the host's bundle, copied
# into the context by cmake/E2eImages.cmake, at libcurl's default path.
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV LD_LIBRARY_PATH=/opt/mcp-e2e/lib STUB_PORT=8080
USER app
EXPOSE 8080
HEALTHCHECK --interval=2s --timeout=2s --retries=15 \
  CMD ["/opt/mcp-e2e/bin/model-stub", "--healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/opt/mcp-e2e/bin/model-stub"]
