#!/usr/bin/env bash
# Installs the last release's artifacts (the API check's baseline, <mintp2p.api.baseline> in pom.xml) into the
# local Maven repository when they are not there: builds them from the release's commit, found by its tag
# (v<version>) or, in a clone without tags, by its commit message ("release: <version>").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -n 's|.*<mintp2p.api.baseline>\(.*\)</mintp2p.api.baseline>.*|\1|p' "$root/pom.xml")"
repo="$(cd "$root" && mvn -B -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g" || echo "$HOME/.m2/repository")"
if [ -f "$repo/io/mintp2p/p2p-it/$version/p2p-it-$version.jar" ]; then
  echo "api baseline $version: already in $repo"
  exit 0
fi
commit="$(cd "$root" && { git rev-parse -q --verify "v$version^{commit}" 2>/dev/null \
  || git log --format=%H -1 --grep="^release: $version\$"; })"
if [ -z "$commit" ]; then
  echo "api baseline $version: neither tag v$version nor a 'release: $version' commit in this clone" >&2
  exit 1
fi
work="$(mktemp -d /tmp/mintp2p-baseline.XXXXXX)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && git archive "$commit") | tar -xf - -C "$work"
echo "api baseline $version: building ${commit:0:12} into $repo"
(cd "$work" && mvn -B -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
