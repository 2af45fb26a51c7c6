#!/usr/bin/env bash
# Builds the node image for the local testnet without a registry: a JRE made with jlink from the
# local JDK, copied with the shared libraries it needs into a FROM scratch image, and the node jar.
#   testnet/build-image.sh                  -> mintp2p/node:local
#   TAG=me/node:1 testnet/build-image.sh    -> another tag
#   BASE_IMAGE=eclipse-temurin:17-jre testnet/build-image.sh   (with a registry: skip jlink)
# Needs p2p-node/target/p2p-node.jar (mvn -DskipTests package), a JDK 17+ (jlink) and docker.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-p2p-node/target/p2p-node.jar}
TAG=${TAG:-mintp2p/node:local}
BASE_IMAGE=${BASE_IMAGE:-}
[ -f "$JAR" ] || { echo "no node jar at $JAR: run mvn -DskipTests package first" >&2; exit 1; }
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$JAR" "$ctx/p2p-node.jar"
if [ -z "$BASE_IMAGE" ]; then
  JLINK=${JAVA_HOME:+$JAVA_HOME/bin/}jlink
  command -v "$JLINK" >/dev/null || JLINK=$(dirname "$(readlink -f "$(command -v java)")")/jlink
  jre="$ctx/rootfs/opt/jre"
  mkdir -p "$ctx/rootfs/opt"
  "$JLINK" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.httpserver,jdk.crypto.ec,jdk.unsupported,jdk.naming.dns,java.security.jgss \
    --strip-debug --no-header-files --no-man-pages --output "$jre"
  # The shared libraries of the runtime (and those Netty's native parts load), and the loader.
  libs=$( { ldd "$jre/bin/java"; find "$jre/lib" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
    | grep -o '/[^ ]*' | grep -v "^$jre" | sort -u)
  for extra in libgcc_s.so.1 libstdc++.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libnss_dns.so.2 libnss_files.so.2 libresolv.so.2; do
    [ -e "/lib/x86_64-linux-gnu/$extra" ] && libs="$libs /lib/x86_64-linux-gnu/$extra"
  done
  for lib in $libs /lib64/ld-linux-x86-64.so.2; do
    [ -e "$lib" ] || continue
    mkdir -p "$ctx/rootfs$(dirname "$lib")"
    cp -L "$lib" "$ctx/rootfs$lib"
  done
  mkdir -p "$ctx/rootfs/etc" "$ctx/rootfs/tmp" "$ctx/rootfs/data"
  echo 'root:x:0:0:root:/root:/sbin/nologin' > "$ctx/rootfs/etc/passwd"
  echo 'hosts: files dns' > "$ctx/rootfs/etc/nsswitch.conf"
  java=/opt/jre/bin/java
  printf 'FROM scratch\nCOPY rootfs/ /\nENV JAVA_HOME=/opt/jre\n' > "$ctx/Dockerfile"
else
  java=java
  printf 'FROM %s\n' "$BASE_IMAGE" > "$ctx/Dockerfile"
fi
cat >> "$ctx/Dockerfile" <<DOCKERFILE
COPY p2p-node.jar /app/p2p-node.jar
ENTRYPOINT ["$java", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0", "-Djava.io.tmpdir=/tmp", "-jar", "/app/p2p-node.jar"]
CMD ["run"]
DOCKERFILE
docker build -q -t "$TAG" "$ctx" >/dev/null
echo "built $TAG"
