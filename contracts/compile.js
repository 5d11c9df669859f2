#!/usr/bin/env node
// Compiles every Solidity file under contracts/src with solc-js (the whole compiler, shipped
// by npm: nothing is downloaded) through the standard-JSON interface, and writes one
// Hardhat-shaped artifact {contractName, abi, bytecode} per deployable contract, which
// web3j-maven-plugin turns into Java wrappers. Fails on any error-severity message.
//
// Usage: node compile.js OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const SOURCE_ROOT = path.join(__dirname, 'src');
const NODE_MODULES = path.join(__dirname, 'node_modules');
// Ganache 7.9.2 implements the EVM up to shanghai; solc >= 0.8.25 defaults to cancun and emits
// MCOPY, which deploys but reverts with "invalid opcode" when called.
const EVM_VERSION = 'shanghai';

function solidityFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return solidityFiles(full);
    return entry.name.endsWith('.sol') ? [full] : [];
  }).sort();
}

function findImport(importPath) {
  for (const base of [SOURCE_ROOT, NODE_MODULES]) {
    const candidate = path.join(base, importPath);
    if (candidate.startsWith(base) && fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
  }
  return { error: `import not found: ${importPath} (looked in contracts/src and contracts/node_modules; run tools/setup)` };
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node compile.js OUT_DIR');
    process.exit(2);
  }
  const sources = {};
  for (const file of solidityFiles(SOURCE_ROOT)) {
    sources[path.relative(SOURCE_ROOT, file)] = { content: fs.readFileSync(file, 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EVM_VERSION,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const problems = output.errors || [];
  for (const p of problems) console.error(p.formattedMessage.trim());
  if (problems.some((p) => p.severity === 'error')) {
    console.error(`solc ${solc.version()}: compilation failed`);
    process.exit(1);
  }

  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const [sourceName, contracts] of Object.entries(output.contracts || {})) {
    for (const [name, artifact] of Object.entries(contracts)) {
      const bytecode = artifact.evm.bytecode.object;
      if (!(sourceName in sources)) continue; // libraries imported from node_modules
      if (!bytecode) continue; // interfaces and abstract contracts cannot be deployed
      const file = path.join(outDir, `${name}.json`);
      if (fs.existsSync(file)) {
        console.error(`two deployable contracts are named ${name}: rename one (${sourceName})`);
        process.exit(1);
      }
      fs.writeFileSync(file, JSON.stringify({
        contractName: name,
        sourceName,
        abi: artifact.abi,
        bytecode: '0x' + bytecode,
        deployedBytecode: '0x' + artifact.evm.deployedBytecode.object,
      }, null, 2));
      written += 1;
    }
  }
  // The list of artifacts, for readers on the Java classpath (which cannot list a folder in a jar).
  const names = fs.readdirSync(outDir).filter((f) => f.endsWith('.json')).sort();
  fs.writeFileSync(path.join(outDir, 'index.txt'), names.join('\n') + '\n');
  console.log(`solc ${solc.version()} (evm ${EVM_VERSION}, optimizer 200 runs): ${written} contracts -> ${outDir}`);
}

main();
