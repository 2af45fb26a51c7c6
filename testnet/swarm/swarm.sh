#!/usr/bin/env bash
# The Swarm testnet (stack.yml beside this script) on the engine docker talks to:
#   testnet/swarm/swarm.sh up [N=5]   swarm init if the engine is in no swarm, deploy, N replicas running
#   testnet/swarm/swarm.sh scale N    N replicas running
#   testnet/swarm/swarm.sh status     running/wanted replicas and each task's overlay address
#   testnet/swarm/swarm.sh down       stack rm, its network gone, swarm leave if `up` initialised the swarm
# Environment: STACK (default mintp2p), MINTP2P_IMAGE (default mintp2p/node:local, testnet/build-image.sh),
# MINTP2P_TARGET_OUTBOUND (2), MINTP2P_BLOCK_RELAY_OUTBOUND (1), MINTP2P_SUBNET (10.231.0.0/20), WAIT_SECONDS (180).
# `up` remembers that it ran `docker swarm init` in .swarm-initialised (the swarm's node id) so `down`
# leaves only a swarm it made itself, never one the engine was already part of.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
STACK=${STACK:-mintp2p}
WAIT_SECONDS=${WAIT_SECONDS:-180}
service="${STACK}_node"
network="${STACK}_mintp2p"
marker="$dir/.swarm-initialised"

die() { echo "swarm.sh: $*" >&2; exit 1; }

swarm_state() { docker info --format '{{.Swarm.LocalNodeState}}'; }

ensure_swarm() {
  case "$(swarm_state)" in
    active) ;;
    inactive)
      # A single host: 127.0.0.1 is an address every engine has; a real cluster advertises a routable one
      # (ADVERTISE_ADDR) that the workers can reach.
      docker swarm init --advertise-addr "${ADVERTISE_ADDR:-127.0.0.1}" >/dev/null
      docker info --format '{{.Swarm.NodeID}}' > "$marker"
      echo "swarm initialised (swarm.sh will leave it on down)" ;;
    *) die "the engine's swarm state is '$(swarm_state)'; expected active or inactive" ;;
  esac
}

# Waits until the service runs exactly N tasks: N wanted and running, and none still running that a
# scale-down told to stop (their nodes have closed their connections by then).
wait_running() {
  local want=$1 deadline=$((SECONDS + WAIT_SECONDS)) running
  while true; do
    running=$(docker service ps "$service" --format '{{.CurrentState}}' | grep -c '^Running' || true)
    [ "$running" -eq "$want" ] && [ "$(docker service ls --filter "name=$service" --format '{{.Replicas}}')" = "$want/$want" ] && return 0
    [ $SECONDS -ge $deadline ] && die "$service: $running of $want replicas running after ${WAIT_SECONDS}s"
    sleep 1
  done
}

status() {
  docker service ls --filter "name=$service" --format '{{.Name}} {{.Replicas}}'
  docker network inspect "$network" --format '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{"\n"}}{{end}}' 2>/dev/null | grep -v '^$' || true
}

up() {
  local n=${1:-5}
  ensure_swarm
  bash "$dir/../admin-token.sh" "$dir" >/dev/null
  # --resolve-image never: the image is local (no registry to ask for its digest).
  (cd "$dir" && MINTP2P_REPLICAS=$n docker stack deploy --resolve-image never --detach=true -c stack.yml "$STACK" >/dev/null)
  wait_running "$n"
  echo "$service: $n replicas running"
}

scale() {
  [ -n "${1:-}" ] || die "scale needs a replica count"
  docker service scale --detach "$service=$1" >/dev/null
  wait_running "$1"
  echo "$service: $1 replicas running"
}

down() {
  if docker stack ls --format '{{.Name}}' 2>/dev/null | grep -qx "$STACK"; then
    docker stack rm "$STACK" >/dev/null
  fi
  # stack rm returns before the tasks are gone; the overlay goes once its last endpoint does.
  local deadline=$((SECONDS + WAIT_SECONDS))
  while docker network inspect "$network" >/dev/null 2>&1; do
    docker network rm "$network" >/dev/null 2>&1 && break
    [ $SECONDS -ge $deadline ] && die "network $network still there after ${WAIT_SECONDS}s (a helper container attached?)"
    sleep 1
  done
  if [ -f "$marker" ]; then
    if [ "$(swarm_state)" = active ] && [ "$(docker info --format '{{.Swarm.NodeID}}')" = "$(cat "$marker")" ]; then
      docker swarm leave --force >/dev/null
      echo "left the swarm swarm.sh initialised"
    fi
    rm -f "$marker"
  fi
  echo "stack $STACK removed"
}

case "${1:-}" in
  up) up "${2:-5}" ;;
  scale) scale "${2:-}" ;;
  status) status ;;
  down) down ;;
  *) echo "usage: $0 up [N] | scale N | status | down" >&2; exit 2 ;;
esac
