#!/usr/bin/env bash
# Starts the local IPFS node (js-ipfs 0.66.1) in the foreground, loopback only, with its
# repository in REPO (created on first use). FedLedger's Java side runs this script as a child
# process and stops it by PID; `exec` makes the node itself that PID.
# Usage: ipfs/start.sh REPO API_PORT SWARM_PORT RPC_PORT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 4 ] || { echo "usage: $0 REPO API_PORT SWARM_PORT RPC_PORT" >&2; exit 2; }
repo=$1
cli="$here/node_modules/ipfs/src/cli.js"
[ -f "$cli" ] || { echo "js-ipfs is not installed in $here/node_modules: run tools/setup" >&2; exit 1; }
export IPFS_PATH="$repo"
if [ ! -f "$repo/config" ]; then
  mkdir -p "$repo"
  node "$cli" init --emptyRepo --defaultConfig "$here/local-config.json" >/dev/null
fi
# A repo left locked by a node that was killed hard would refuse to start; the Java side
# only calls this script when no node of this repo is running.
rm -rf "$repo/repo.lock" 2>/dev/null || true
node "$here/configure.mjs" "$repo" "$2" "$3" "$4"
exec node "$cli" daemon --enable-preload=false
