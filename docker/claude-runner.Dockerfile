# The real Claude Code CLI (version pinned in docker/claude-code.version),
# installed with npm on the host by scripts/setup and copied in: TLS to the npm
# registry does not work from inside containers here. Runs as a non-root user
# (Claude Code refuses --dangerously-skip-permissions as root) and idles until
# the harness execs `claude`.
FROM debian:bookworm-slim
RUN useradd --uid 10001 --create-home --home-dir /home/runner --shell /bin/sh runner
COPY claude /usr/local/bin/claude
ENV DISABLE_AUTOUPDATER=1 \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
    ENABLE_TOOL_SEARCH=false
USER runner
WORKDIR /home/runner
CMD ["sleep", "infinity"]
