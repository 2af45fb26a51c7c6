#!/usr/bin/env bash
# Sets the project's version everywhere it is written: the reactor's POMs (parent references included), the
# BOM, and the examples' mintp2p.version. For a release (no -SNAPSHOT) it also sets the archives' timestamp
# (project.build.outputTimestamp) to now, so the release's jars are reproducible from its commit.
#   scripts/set-version.sh 0.2.0            then commit as "release: 0.2.0" and tag v0.2.0
#   scripts/set-version.sh 0.3.0-SNAPSHOT   then commit as "next: 0.3.0-SNAPSHOT"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
new="$1"
old="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)"
cd "$root"
find . -name pom.xml -not -path '*/target/*' -not -path './examples/*' -print0 \
  | xargs -0 sed -i "s|<version>$old</version>|<version>$new</version>|"
find examples -name pom.xml -print0 | xargs -0 sed -i \
  -e "s|<mintp2p.version>$old</mintp2p.version>|<mintp2p.version>$new</mintp2p.version>|" \
  -e "0,/<version>$old<\/version>/s|<version>$old</version>|<version>$new</version>|"
if [[ "$new" != *-SNAPSHOT ]]; then
  stamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  sed -i "s|<project.build.outputTimestamp>[^<]*</project.build.outputTimestamp>|<project.build.outputTimestamp>$stamp</project.build.outputTimestamp>|" pom.xml
fi
echo "version $old -> $new"
grep -rl --include=pom.xml "$old" . | grep -v target || true
