// testcontainers-node as a user of it would bring up bench/stacks/three_idle.yml,
// driven by bench/stack_cycle one request per line on stdin:
//   up {"network": NAME, "labels": {...}, "services": [{name, image, command, aliases}]}
//   down
// each answered on stdout with "ok" or "error <message>". Containers start in
// parallel (Promise.all); down stops them in parallel (testcontainers' stop:
// timeout 0, then remove), then removes the network.
//
// Run with TESTCONTAINERS_RYUK_DISABLED=true (Ryuk's image would come from a
// registry). Instead, on end of stdin, SIGINT or SIGTERM this worker removes
// what it still holds, and the bench sweeps the run's label afterwards.
// BENCH_NODE_DIR: where bench/install-peers installed testcontainers.
"use strict";

const path = require("node:path");
const readline = require("node:readline");
const { createRequire } = require("node:module");

const { GenericContainer, Network } = createRequire(
  path.join(process.env.BENCH_NODE_DIR, "package.json"),
)("testcontainers");

let network = null;
let containers = [];

async function up(stack) {
  // testcontainers names networks with a random UUID; the bench wants its prefix.
  network = await new Network({ nextUuid: () => stack.network }).start();
  const starts = stack.services.map((service) =>
    new GenericContainer(service.image)
      .withName(service.name)
      .withCommand(service.command)
      .withLabels(stack.labels)
      .withNetwork(network)
      .withNetworkAliases(...service.aliases)
      .start(),
  );
  const results = await Promise.allSettled(starts);
  containers = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

async function down() {
  const started = containers;
  containers = [];
  await Promise.all(started.map((container) => container.stop()));
  if (network) {
    const started_network = network;
    network = null;
    await started_network.stop();
  }
}

async function answer(line) {
  try {
    if (line.startsWith("up ")) await up(JSON.parse(line.slice(3)));
    else if (line === "down") await down();
    else throw new Error(`unknown request: ${line}`);
    process.stdout.write("ok\n");
  } catch (error) {
    process.stdout.write(`error ${String(error.message || error).replace(/\n/g, " ")}\n`);
  }
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) await answer(line);
  await down();
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => down().finally(() => process.exit(130)));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
