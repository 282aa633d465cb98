#!/usr/bin/env node
// Compiles src/main/solidity/*.sol with the solc pinned in package.json (package-lock.json) to
// src/main/resources/evm/<Contract>.abi and .bin, the files the Java build uses without Node.
//   node compile.js          writes them
//   node compile.js --check  writes nothing; exits 1 if the committed files differ from a fresh build
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const sourceDir = path.join(__dirname, 'src/main/solidity');
const outDir = path.join(__dirname, 'src/main/resources/evm');
const check = process.argv.includes('--check');

// Shanghai: bytecode without Cancun opcodes, so it also runs on nodes and chains not yet on Cancun.
const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'shanghai',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(2);

let differs = 0;
for (const file of Object.keys(output.contracts)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    if (contract.evm.bytecode.object === '') continue; // interfaces
    const files = {
      [`${name}.abi`]: JSON.stringify(contract.abi) + '\n',
      [`${name}.bin`]: contract.evm.bytecode.object + '\n',
    };
    for (const [out, text] of Object.entries(files)) {
      const target = path.join(outDir, out);
      if (check) {
        const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
        if (committed !== text) {
          console.error(`compile: ${out} differs from a build with solc ${solc.version()}`);
          differs++;
        }
      } else {
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(target, text);
      }
    }
  }
}
if (differs > 0) {
  console.error('compile: run `npm run compile` in contracts/evm and commit src/main/resources/evm');
  process.exit(1);
}
console.error(`compile: ${check ? 'checked' : 'wrote'} ${outDir} with solc ${solc.version()}`);
