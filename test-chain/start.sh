#!/usr/bin/env bash
# Starts the local devnet (Ganache 7.9.2) in the foreground on 127.0.0.1:PORT with the
# deterministic dev accounts (see README.md here). With STATE_DIR, the chain persists there
# across restarts; without it, the chain lives in memory. FedLedger's Java side runs this
# script as a child process and stops it by PID; `exec` makes Ganache itself that PID.
# Usage: test-chain/start.sh PORT [STATE_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 PORT [STATE_DIR]" >&2; exit 2; }
cli="$here/node_modules/ganache/dist/node/cli.js"
[ -f "$cli" ] || { echo "Ganache is not installed in $here/node_modules: run tools/setup" >&2; exit 1; }
args=(
  --server.host 127.0.0.1 --server.port "$1"
  --wallet.deterministic --wallet.totalAccounts "${FL_DEVNET_ACCOUNTS:-20}"
  --wallet.defaultBalance 10000
  --chain.chainId "${FL_DEVNET_CHAIN_ID:-1337}"
  # Ganache 7.9.2 implements the EVM up to shanghai; contracts are compiled for it.
  --chain.hardfork shanghai
  # "strict": a transaction's hash is returned at once and it is mined right after, as on a
  # real chain. The default ("eager") answers only once the block is mined, and with several
  # clients sending at the same time an answer sometimes never comes (Ganache issues 2509, 4165).
  --miner.instamine strict
  --logging.quiet
)
if [ $# -eq 2 ]; then
  mkdir -p "$2"
  args+=(--database.dbPath "$2")
fi
exec node "$cli" "${args[@]}"
