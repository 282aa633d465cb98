// The local node the EVM tests start (`hardhat node`, see LocalEvmNode in ledger/tokens): one
// funded test account, the agent. The key is a well-known test key; never use it on a real chain.
module.exports = {
  networks: {
    hardhat: {
      chainId: 1337,
      blockGasLimit: 60000000,
      accounts: [
        {
          privateKey: '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
          balance: '10000000000000000000000',
        },
      ],
    },
  },
};
