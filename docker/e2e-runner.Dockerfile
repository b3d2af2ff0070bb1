# The plan's mcp-e2e-runner: the scenario binaries and ctest, for running the
# suite from a container that has only the Docker socket (no bind mount of a
# test path, no published port): scripts/e2e-in-runner. The harness joins
# this container to each stack's network (E2E_RUNNER_CONTAINER=self), so the
# addresses it dials are reachable without a route from the host.
#
# The context (cmake/E2eRunnerImage.cmake) holds the binaries and the shared
# libraries they need, the stack file, the fixtures (the generated corpus
# too) and the manifest of the stack's image tags, so nothing is downloaded.
FROM debian:bookworm-slim
COPY lib/ /opt/mcp-e2e/lib/
COPY bin/ /opt/mcp-e2e/bin/
COPY stack.yml /opt/mcp-e2e/compose/stack.yml
COPY fixtures/ /opt/mcp-e2e/fixtures/
COPY corpus/ /opt/mcp-e2e/fixtures/large_context/corpus/
COPY manifest.json /opt/mcp-e2e/images/manifest.json
COPY CTestTestfile.cmake /opt/mcp-e2e/tests/CTestTestfile.cmake
# Artifacts of failed tests, the step times and JUnit XML go to /artifacts:
# copy them out with `docker cp <container>:/artifacts DIR` after the run.
ENV PATH=/opt/mcp-e2e/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LD_LIBRARY_PATH=/opt/mcp-e2e/lib \
    E2E_RUNNER_CONTAINER=self \
    E2E_COMPOSE_FILE=/opt/mcp-e2e/compose/stack.yml \
    E2E_FIXTURES_DIR=/opt/mcp-e2e/fixtures \
    E2E_IMAGE_MANIFEST=/opt/mcp-e2e/images/manifest.json \
    E2E_ARTIFACTS_DIR=/artifacts \
    E2E_TIMINGS_FILE=/artifacts/e2e-steps.tsv
RUN mkdir -p /artifacts
WORKDIR /opt/mcp-e2e/tests
CMD ["ctest", "--output-on-failure", "-L", "e2e", "--output-junit", "/artifacts/junit.xml"]
