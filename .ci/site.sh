#!/usr/bin/env bash
# Builds the documentation site and checks it: mkdocs build --strict into target/site (a broken internal link or
# a page missing from the nav fails it), a link and anchor check of the built HTML, the operating page against
# p2p-node's options, routes and metrics, then the home page in headless Chromium: a screenshot
# (target/site-home.png) that must show something, and the rendered DOM, which must hold the site's title and
# its navigation. Installs what is missing from Debian (mkdocs, mkdocs-material, python3-pymdownx, chromium).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v mkdocs >/dev/null 2>&1 || missing+=(mkdocs)
[ -d /usr/share/mkdocs/themes/material ] || missing+=(mkdocs-material)
/usr/bin/python3 -c 'import pymdownx.snippets' >/dev/null 2>&1 || missing+=(python3-pymdownx)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The checks use the standard library only; Debian's python3 is the one mkdocs runs on.
py=/usr/bin/python3
check() { "$py" .ci/site_check.py "$@"; }

# Pages include these files from the repository root (snippets with check_paths: a missing one fails the build,
# but say which and why first).
for f in BENCHMARKS.md CHANGELOG.md examples/hello-node/src/main/java/io/mintp2p/examples/hello/HelloNode.java; do
  [ -f "$f" ] || { echo "site: $f is missing (a page of the site includes it)" >&2; exit 1; }
done

echo "== mkdocs $(mkdocs --version | sed -n 's/^mkdocs, version \([^ ]*\).*/\1/p') build --strict"
rm -rf target/site
mkdir -p target
if ! mkdocs build --strict --site-dir target/site >target/site-build.log 2>&1; then
  cat target/site-build.log >&2
  echo "site: mkdocs build --strict failed" >&2
  exit 1
fi
# mkdocs logs the theme's Python deprecation notes at INFO level; show anything louder (--strict fails on warnings).
grep -E '^(WARNING|ERROR)' target/site-build.log || true
echo "built $(find target/site -name '*.html' | wc -l) HTML files into target/site"

echo "== link check"
check links target/site
echo "== operating page against p2p-node's sources"
check options docs/operating-a-node.md p2p-node/src/main/java/io/mintp2p/node

echo "== headless Chromium"
home="file://$PWD/target/site/index.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --user-data-dir="$profile" --window-size=1280,900 "$@"
}
rm -f target/site-home.png target/site-home.dom.html
chrome --screenshot=target/site-home.png "$home" >/dev/null 2>target/site-chromium.log \
  || { echo "site: chromium --screenshot failed (target/site-chromium.log)" >&2; exit 1; }
chrome --virtual-time-budget=3000 --dump-dom "$home" >target/site-home.dom.html 2>>target/site-chromium.log \
  || { echo "site: chromium --dump-dom failed (target/site-chromium.log)" >&2; exit 1; }
echo "$(chromium --version 2>/dev/null): target/site-home.png, target/site-home.dom.html"
check png target/site-home.png
check dom target/site-home.dom.html mkdocs.yml
echo "site: OK (open target/site/index.html)"
