#!/usr/bin/env bash
# Validates testnet/k8s without a cluster:
#  1. kubectl kustomize renders it (with a throwaway token for the secret generator when there is no
#     admin.token yet);
#  2. check-manifests.py holds every rendered object against the Kubernetes API types (Debian's
#     python3-kubernetes models: unknown fields, wrong types, missing required fields) and the testnet's
#     own rules (headless Service, publishNotReadyAddresses, the DNS seed is that Service's name, ...).
# kubectl apply/create --dry-run=client is not enough here: kubectl asks the API server for discovery
# even then, and for its OpenAPI spec with --validate, so with no cluster both fail.
#   testnet/k8s/validate.sh        exit 0: valid; 1: invalid; 3: kubectl or python3-kubernetes missing
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
command -v kubectl >/dev/null 2>&1 || { echo "validate.sh: no kubectl (apt-get install kubernetes-client)" >&2; exit 3; }
/usr/bin/python3 -c 'import kubernetes, yaml' 2>/dev/null \
  || { echo "validate.sh: no python3-kubernetes for /usr/bin/python3 (apt-get install python3-kubernetes)" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$dir"/*.yaml "$work/"
if [ -f "$dir/admin.token" ]; then cp "$dir/admin.token" "$work/"; else echo "validate-only-token-0123456789" > "$work/admin.token"; fi
kubectl kustomize "$work" > "$work/rendered.yaml"
echo "kubectl kustomize: $(grep -c '^kind:' "$work/rendered.yaml") objects rendered"
/usr/bin/python3 "$dir/check-manifests.py" < "$work/rendered.yaml"
echo "testnet/k8s: valid"
