#!/usr/bin/env bash
# Stops a devnet started by start.sh, given the PID file FedLedger wrote for it.
# Usage: ipfs/stop.sh PIDFILE
set -u
pidfile=${1:?usage: $0 PIDFILE}
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$pidfile"
