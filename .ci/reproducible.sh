#!/usr/bin/env bash
# Reproducible builds: builds the tree twice, in two copies at different paths, and compares the SHA-256 of
# every jar the builds make (main, sources, Javadoc, test and shaded jars). Prints each pair; fails on the
# first difference it reports.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/mintp2p-repro.XXXXXX)"
trap 'rm -rf "$work"' EXIT
for build in one two; do
  mkdir -p "$work/$build"
  (cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - ) | tar -xf - -C "$work/$build"
  # The second build runs at another time with another umask: neither may leak into the archives.
  (cd "$work/$build" && umask $([ $build = one ] && echo 022 || echo 002) \
     && mvn -B -q package -DskipTests ${REPRO_MVN_ARGS:-}>/dev/null)
  (cd "$work/$build" && find . -path '*/target/*.jar' -not -path './examples/*' -printf '%P\n' | sort \
     | xargs sha256sum) > "$work/$build.sha256"
  sleep 2
done
count=$(wc -l < "$work/one.sha256")
if diff <(awk '{print $2, $1}' "$work/one.sha256") <(awk '{print $2, $1}' "$work/two.sha256") > "$work/diff"; then
  awk '{printf "  %s  %s\n", substr($1, 1, 16), $2}' "$work/one.sha256"
  echo "reproducible: $count jars, same SHA-256 in both builds"
else
  cat "$work/diff"
  echo "NOT reproducible: the jars above differ between two builds of the same tree"
  exit 1
fi
