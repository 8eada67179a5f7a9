# Shared by bin/run-platform and bin/run-tests: checks the machine and installs what is missing.
# shellcheck shell=bash

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

require_java17() {
  if ! command -v java >/dev/null 2>&1; then
    echo "Java 17 or newer is needed: apt-get install -y openjdk-17-jdk-headless" >&2
    exit 1
  fi
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  if [ "${v%%.*}" -lt 17 ]; then
    echo "Java $v found; Java 17 or newer is needed: apt-get install -y openjdk-17-jdk-headless" >&2
    exit 1
  fi
}

# Installs Debian packages when run as root; otherwise stops with the exact line to run.
require_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "These Debian packages are needed. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

wait_for_url() { # url seconds
  local deadline=$(( $(date +%s) + $2 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$1")" = 200 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 2
  done
}
