// Throughput of the embedded peer as an external Fabric client sees it: the Node.js Fabric
// Gateway client submits prepared transactions with `concurrency` in flight and waits for each
// commit status. Driven by the peer benchmark (ExternalClientThroughputBenchmark).
//
// Usage: node bench.mjs <config.json>
// config: connection.mjs's peer and identity, plus { channel, chaincode, fn, argsFile, concurrency,
// warmup }. argsFile holds one JSON array of arguments per line; the first `warmup` lines are sent
// before timing starts. Prints one JSON line: committed, failed (by validation code or error),
// seconds, and this process's CPU time, so the client's cost is reported beside the peer's.
import { readFileSync } from 'node:fs';
import { openGateway, describeError } from './connection.mjs';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const lines = readFileSync(config.argsFile, 'utf8').split('\n').filter((l) => l.length > 0);
const transactions = lines.map((l) => JSON.parse(l));

const { gateway, client } = openGateway(config, 60);
const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
async function run(list) {
  const failures = {};
  let next = 0;
  let committed = 0;
  const worker = async () => {
    while (next < list.length) {
      const args = list[next++];
      try {
        const commit = await contract.submitAsync(config.fn, { arguments: args });
        const status = await commit.getStatus();
        if (status.successful) {
          committed++;
        } else {
          failures[status.code] = (failures[status.code] ?? 0) + 1;
        }
      } catch (err) {
        const key = describeError(err).error;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  return { committed, failures };
}

try {
  const warmup = config.warmup ?? 0;
  await run(transactions.slice(0, warmup));
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const { committed, failures } = await run(transactions.slice(warmup));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    JSON.stringify({
      committed,
      failed: failures,
      seconds,
      clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    }),
  );
} finally {
  gateway.close();
  client.close();
}
