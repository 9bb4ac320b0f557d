#!/usr/bin/env bash
# Installs the system packages the tests use: Debian's Chromium (the end-to-end tests drive
# it; browser downloads do not work offline) and the kernel tools for the kernel lane
# (iptables, nftables, conntrack, iproute2, nfacct for the counters kube-proxy creates). Safe to run again; does nothing that is done.
set -euo pipefail
packages=(chromium iptables nftables conntrack iproute2 nfacct)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages present (${packages[*]})"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "setup: not a Debian system; install these yourself: ${missing[*]}" >&2
  exit 1
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "setup: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
