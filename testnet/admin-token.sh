#!/usr/bin/env bash
# Writes the admin token the testnet's nodes require (their admin API binds 0.0.0.0 inside the
# container, so the node refuses to start without one): 32 random bytes, hex, mode 0600, next to
# docker-compose.yml. Kept if it exists.   testnet/admin-token.sh [DIR=testnet]
set -euo pipefail
dir=${1:-$(dirname "$0")}
file="$dir/admin.token"
if [ ! -s "$file" ]; then
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$file.tmp" && mv "$file.tmp" "$file")
fi
echo "$file"
