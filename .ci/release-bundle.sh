#!/usr/bin/env bash
# Rehearses a release to Maven Central without uploading anything: in a copy of the tree with the version
# made a release version (X-SNAPSHOT -> X, or $1), signs with a throwaway GnuPG key made for this run,
# stages with `mvn -P release verify`, zips the staging folder into the bundle Central's publisher accepts
# (target/central-bundle.zip, maven-metadata files left out) and checks it with CheckCentralBundle.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
snapshot="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)"
release="${1:-${snapshot%-SNAPSHOT}}"
work="$(mktemp -d /tmp/mintp2p-release.XXXXXX)"
export GNUPGHOME="$work/gnupg"
cleanup() { gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -m 700 "$GNUPGHOME"

# The tree as git sees it (tracked and untracked, not ignored), without build output.
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - ) | tar -xf - -C "$work"
mkdir -p "$work/tree" && (cd "$work" && find . -mindepth 1 -maxdepth 1 ! -name tree ! -name gnupg -exec mv {} tree/ \;)
find "$work/tree" -name pom.xml -not -path '*/examples/*' -print0 \
  | xargs -0 sed -i "s|<version>$snapshot</version>|<version>$release</version>|"

export MAVEN_GPG_PASSPHRASE="throwaway-$RANDOM$RANDOM"
gpg --batch --quiet --no-tty --passphrase "$MAVEN_GPG_PASSPHRASE" \
  --quick-generate-key "mintp2p release rehearsal <release-rehearsal@mintp2p.invalid>" ed25519 sign 1d
key="$(gpg --batch --list-secret-keys --with-colons | awk -F: '$1 == "fpr" {print $10; exit}')"
echo "throwaway signing key $key, version $release"

# RELEASE_MVN_ARGS: extra Maven arguments for the rehearsal (e.g. -o).
(cd "$work/tree" && mvn -B -q -P release verify -DskipTests -Dgpg.keyname="$key" ${RELEASE_MVN_ARGS:-})
staging="$work/tree/target/central-staging"
mkdir -p "$root/target"
bundle="$root/target/central-bundle.zip"
rm -f "$bundle"
(cd "$staging" && find . -name 'maven-metadata*' -delete && jar --create --no-manifest --file "$bundle" io)
echo "bundle: $bundle ($(du -k "$bundle" | cut -f1) KiB)"
java "$root/.ci/CheckCentralBundle.java" "$bundle" io.mintp2p "$release" --gpg \
  mintp2p-parent mintp2p-bom p2p-core p2p-testkit p2p-transport-inmemory p2p-transport-tcp p2p-transport-tls \
  p2p-transport-noise p2p-transport-tor p2p-node p2p-it
