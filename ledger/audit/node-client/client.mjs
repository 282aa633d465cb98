// Hyperledger's Node.js Fabric Gateway client, driven by NodeGatewayClientTest: code we did not
// write, talking to the embedded peer over TCP as it would to any Fabric peer.
//
// Usage: node client.mjs <config.json>
// The config names the peer, the identity and the steps to run; each step prints one JSON line,
// {"op": ..., "ok": true, ...} or {"op": ..., "ok": false, "error", "code", "details"}. A failed step
// does not stop the next. See connection.mjs for the peer and identity fields.
import { readFileSync } from 'node:fs';
import { checkpointers } from '@hyperledger/fabric-gateway';
import { openGateway, describeError } from './connection.mjs';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const deadline = BigInt(config.deadlineSeconds ?? 20);

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const text = (bytes) => Buffer.from(bytes).toString('utf8');

/** Reads up to count events from an iterator, then closes it. */
async function take(events, count, map) {
  const taken = [];
  try {
    for await (const event of events) {
      taken.push(map(event));
      if (taken.length >= count) {
        break;
      }
    }
  } finally {
    events.close();
  }
  return taken;
}

function blockSummary(block) {
  const header = block.getHeader();
  return {
    number: Number(header.getNumber()),
    previousHash: hex(header.getPreviousHash_asU8()),
    dataHash: hex(header.getDataHash_asU8()),
    transactions: block.getData().getDataList().length,
  };
}

function filteredSummary(block) {
  return {
    number: Number(block.getNumber()),
    channel: block.getChannelId(),
    transactions: block.getFilteredTransactionsList().map((tx) => ({
      txId: tx.getTxid(),
      validationCode: tx.getTxValidationCode(),
    })),
  };
}

const steps = {
  async evaluate(network, step) {
    const contract = network.getContract(config.chaincode);
    const result = await contract.evaluate(step.fn, { arguments: step.args ?? [] });
    return { result: text(result) };
  },

  async submit(network, step) {
    const contract = network.getContract(config.chaincode);
    const commit = await contract.submitAsync(step.fn, {
      arguments: step.args ?? [],
      ...(step.endorsingOrganizations ? { endorsingOrganizations: step.endorsingOrganizations } : {}),
    });
    const status = await commit.getStatus();
    return {
      txId: status.transactionId,
      successful: status.successful,
      validationCode: status.code,
      blockNumber: Number(status.blockNumber),
      result: text(commit.getResult()),
    };
  },

  async chaincodeEvents(network, step) {
    const events = await network.getChaincodeEvents(config.chaincode, {
      startBlock: BigInt(step.startBlock ?? 0),
    });
    const read = await take(events, step.count, (event) => ({
      name: event.eventName,
      txId: event.transactionId,
      blockNumber: Number(event.blockNumber),
      payload: text(event.payload),
    }));
    return { events: read };
  },

  async blockEvents(network, step) {
    const request = { startBlock: BigInt(step.startBlock ?? 0) };
    if (step.filtered) {
      return { blocks: await take(await network.getFilteredBlockEvents(request), step.count, filteredSummary) };
    }
    return { blocks: await take(await network.getBlockEvents(request), step.count, blockSummary) };
  },

  // Reads count blocks, checkpointing each; closes; then resumes from the checkpoint for count more,
  // as an application that restarts does.
  async checkpointedBlockEvents(network, step) {
    const checkpointer = checkpointers.inMemory();
    const readAndCheckpoint = async (events) => {
      const numbers = [];
      try {
        for await (const block of events) {
          const number = block.getHeader().getNumber();
          await checkpointer.checkpointBlock(BigInt(number));
          numbers.push(Number(number));
          if (numbers.length >= step.count) {
            break;
          }
        }
      } finally {
        events.close();
      }
      return numbers;
    };
    const first = await readAndCheckpoint(await network.getBlockEvents({ startBlock: 0n }));
    const resumed = await readAndCheckpoint(await network.getBlockEvents({ checkpoint: checkpointer }));
    return { first, resumed };
  },
};

const { gateway, client } = openGateway(config, deadline);
try {
  const network = gateway.getNetwork(config.channel);
  for (const step of config.steps) {
    try {
      const outcome = await steps[step.op](network, step);
      console.log(JSON.stringify({ op: step.op, ok: true, ...outcome }));
    } catch (err) {
      console.log(JSON.stringify({ op: step.op, ok: false, ...describeError(err) }));
    }
  }
} finally {
  gateway.close();
  client.close();
}
