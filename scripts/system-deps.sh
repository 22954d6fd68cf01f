#!/usr/bin/env bash
# Install the system packages the browser and SPARQL-server tests drive:
# Debian's chromium (driven by Playwright, never downloaded by it) and virtuoso-opensource.
# Without root or apt-get the tests that need them skip with a message saying why.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-dejavu-core)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: cannot install ${need[*]} (needs root and apt-get); the tests that need them will skip"
  exit 0
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || echo "system-deps: apt-get update failed"
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "system-deps: apt-get install ${need[*]} failed; the tests that need them will skip"
# The Debian package may start a system Virtuoso on all interfaces; the tests run their own.
if command -v service >/dev/null 2>&1; then service virtuoso-opensource-7 stop >/dev/null 2>&1 || true; fi
exit 0
