// Rewrites an initialised js-ipfs repo's config for local-only use on the given ports, every
// start: loopback addresses only, no gateway, no bootstrap peers, no delegates, no MDNS, no webRTCStar, no
// NAT port mapping, no routing. MDNS and NAT mapping would send traffic off the machine.
// Usage: node configure.mjs REPO API_PORT SWARM_PORT RPC_PORT
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [repo, apiPort, swarmPort, rpcPort] = process.argv.slice(2);
if (!repo || !apiPort || !swarmPort || !rpcPort) {
  console.error('usage: node configure.mjs REPO API_PORT SWARM_PORT RPC_PORT');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const local = JSON.parse(fs.readFileSync(path.join(here, 'local-config.json'), 'utf8'));
const file = path.join(repo, 'config');
const config = JSON.parse(fs.readFileSync(file, 'utf8'));

config.Addresses = {
  ...config.Addresses,
  ...local.Addresses,
  API: `/ip4/127.0.0.1/tcp/${apiPort}`,
  // No HTTP gateway: FedLedger reads through the RPC API, which it verifies against CIDs.
  Gateway: [],
  RPC: `/ip4/127.0.0.1/tcp/${rpcPort}`,
  Swarm: [`/ip4/127.0.0.1/tcp/${swarmPort}`],
};
config.Bootstrap = local.Bootstrap;
config.Discovery = { ...config.Discovery, ...local.Discovery };
config.Swarm = { ...config.Swarm, ...local.Swarm };
config.Routing = local.Routing;

const tmp = `${file}.tmp`;
fs.writeFileSync(tmp, JSON.stringify(config, null, 2));
fs.renameSync(tmp, file);
