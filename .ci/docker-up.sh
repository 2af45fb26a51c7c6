#!/usr/bin/env bash
# Installs and starts a Docker engine when none answers (CI machines have only the client).
set -euo pipefail
if docker info >/dev/null 2>&1; then
  exit 0
fi
if ! command -v dockerd >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
setsid nohup dockerd >/tmp/dockerd.log 2>&1 < /dev/null &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "docker engine is up"
    exit 0
  fi
  sleep 1
done
echo "docker engine did not start; see /tmp/dockerd.log" >&2
tail -n 50 /tmp/dockerd.log >&2 || true
exit 1
