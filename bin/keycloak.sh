#!/usr/bin/env bash
# Dev identity provider for the National Imaging Platform: Keycloak 26.7.3 in dev mode
# (embedded H2, local caches, plain HTTP on localhost:8180) with realm "imaging"
# imported from config/keycloak/imaging-realm.json.
#
#   bin/keycloak.sh start  DIR   # DIR = unpacked keycloak-26.7.3 home (has bin/kc.sh)
#   bin/keycloak.sh stop   DIR
#   bin/keycloak.sh status DIR
#
# start: copies the realm file into DIR/data/import, wipes DIR/data/h2 (so every start
#        imports the current realm file), runs `kc.sh start-dev --import-realm` in the
#        background (pid -> DIR/keycloak.pid, log -> DIR/keycloak.log) and waits until the
#        realm's OIDC discovery document answers 200. Returns 0 at once if a Keycloak
#        already serves the realm on the port.
# stop:  TERM, then KILL after a bound.
#
# Environment (all optional):
#   KEYCLOAK_HTTP_PORT        default 8180
#   KEYCLOAK_HOSTNAME         default http://localhost:<port>; fixes the token issuer to
#                             <hostname>/realms/imaging whatever host name a client used
#   KEYCLOAK_START_TIMEOUT    seconds to wait for readiness, default 180
#   KEYCLOAK_STOP_TIMEOUT     seconds between TERM and KILL, default 30
#   JAVA_OPTS_KC_HEAP         default "-Xms64m -Xmx512m"
#   JAVA_OPTS_APPEND          default "-XX:TieredStopAtLevel=1" (faster JVM start)
#   KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD
#                             master-realm admin, default admin-console / admin-console-demo
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REALM_FILE="$SCRIPT_DIR/../config/keycloak/imaging-realm.json"
REALM=imaging
PORT="${KEYCLOAK_HTTP_PORT:-8180}"
HOSTNAME_URL="${KEYCLOAK_HOSTNAME:-http://localhost:$PORT}"
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-180}"
STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"
WELL_KNOWN="http://localhost:$PORT/realms/$REALM/.well-known/openid-configuration"

usage() {
  echo "usage: $0 {start|stop|status} KEYCLOAK_HOME" >&2
  exit 2
}

log() { echo "keycloak.sh: $*"; }
err() { echo "keycloak.sh: $*" >&2; }

# HTTP status of a URL, 000 when nothing answers.
http_code() {
  curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$1" 2>/dev/null || true
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

read_pid() {
  local f="$KC_HOME/keycloak.pid" p=""
  [[ -f "$f" ]] && p="$(tr -dc '0-9' <"$f")"
  echo "$p"
}

# Is PID a Keycloak of this KC_HOME (kc.sh or its java child)?
is_our_keycloak() {
  local pid="$1" cmd
  cmd="$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null || true)"
  [[ "$cmd" == *"$KC_HOME/bin/kc.sh"* || "$cmd" == *"kc.home.dir=$KC_HOME/bin/.."* ]]
}

log_tail() {
  if [[ -f "$KC_HOME/keycloak.log" ]]; then
    err "---- last 60 lines of $KC_HOME/keycloak.log ----"
    tail -n 60 "$KC_HOME/keycloak.log" >&2 || true
    err "----"
  fi
}

wait_ready() {
  local pid="$1" t0="$2" code now
  while :; do
    code="$(http_code "$WELL_KNOWN")"
    now="$(date +%s)"
    if [[ "$code" == 200 ]]; then
      log "realm '$REALM' ready at http://localhost:$PORT/realms/$REALM after $((now - t0)) s (pid $pid, log $KC_HOME/keycloak.log)"
      return 0
    fi
    if ! pid_alive "$pid"; then
      err "Keycloak (pid $pid) exited before the realm became available"
      log_tail
      rm -f "$KC_HOME/keycloak.pid"
      return 1
    fi
    if ((now - t0 >= START_TIMEOUT)); then
      err "Keycloak not ready after ${START_TIMEOUT} s (last HTTP status $code for $WELL_KNOWN)"
      log_tail
      stop_pid "$pid"
      rm -f "$KC_HOME/keycloak.pid"
      return 1
    fi
    sleep 1
  done
}

# TERM the process (group), wait up to STOP_TIMEOUT, then KILL.
stop_pid() {
  local pid="$1" i
  pid_alive "$pid" || return 0
  # kc.sh was started with setsid, so pid is also its process group id; kc.sh forwards
  # TERM to its java child and waits for it.
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 2; i++)); do
    pid_alive "$pid" || break
    sleep 0.5
  done
  if pid_alive "$pid"; then
    err "pid $pid still alive after ${STOP_TIMEOUT} s, sending KILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  # leftover members of its process group (the java child if kc.sh died first)
  if kill -0 -- "-$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  for ((i = 0; i < 20; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.25
  done
  return 0
}

cmd_start() {
  local pid code t0
  [[ -f "$REALM_FILE" ]] || { err "realm file not found: $REALM_FILE"; exit 1; }
  command -v curl >/dev/null || { err "curl is required"; exit 1; }

  code="$(http_code "$WELL_KNOWN")"
  if [[ "$code" == 200 ]]; then
    log "a Keycloak already serves realm '$REALM' on port $PORT; nothing to do"
    return 0
  fi

  pid="$(read_pid)"
  if pid_alive "$pid" && is_our_keycloak "$pid"; then
    log "Keycloak from $KC_HOME already starting (pid $pid); waiting for it"
    wait_ready "$pid" "$(date +%s)" || exit 1
    return 0
  fi
  rm -f "$KC_HOME/keycloak.pid"

  if [[ "$code" != 000 ]]; then
    err "port $PORT is in use by something that is not a Keycloak with realm '$REALM' (HTTP $code for $WELL_KNOWN)"
    exit 1
  fi

  if command -v jq >/dev/null; then
    jq -e '.realm == "imaging"' "$REALM_FILE" >/dev/null || { err "invalid realm file $REALM_FILE"; exit 1; }
  fi

  # Clean dev database each start: --import-realm skips realms that already exist, so a
  # reused H2 database would hide changes to the realm file.
  rm -rf "$KC_HOME/data/h2"
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/imaging-realm.json"

  t0="$(date +%s)"
  (
    cd "$KC_HOME"
    export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin-console}"
    export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin-console-demo}"
    # Modest heap so it fits beside WildFly on a 2-core box.
    export JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}"
    # C1 only: ~20% faster start on a busy 2-core box; throughput is ample for dev.
    export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:--XX:TieredStopAtLevel=1}"
    # Nothing below reaches outside this machine: HTTP bound to localhost, local
    # (non-clustered) caches, no tracing/metrics export, H2 in DIR/data/h2.
    exec setsid "$KC_HOME/bin/kc.sh" start-dev \
      --http-port "$PORT" \
      --http-host 127.0.0.1 \
      --hostname "$HOSTNAME_URL" \
      --import-realm \
      --cache local \
      --tracing-enabled false \
      --metrics-enabled false \
      --health-enabled false \
      --log-console-color false \
      </dev/null >"$KC_HOME/keycloak.log" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$KC_HOME/keycloak.pid"
  log "started Keycloak (pid $pid), waiting up to ${START_TIMEOUT} s for $WELL_KNOWN"
  wait_ready "$pid" "$t0" || exit 1
}

cmd_stop() {
  local pid p
  pid="$(read_pid)"
  if ! pid_alive "$pid"; then
    # no (live) pid file: look for a Keycloak of this home anyway
    pid=""
    for p in /proc/[0-9]*; do
      p="${p#/proc/}"
      if is_our_keycloak "$p"; then pid="$p"; break; fi
    done
  fi
  if [[ -z "$pid" ]]; then
    log "no Keycloak running from $KC_HOME"
    rm -f "$KC_HOME/keycloak.pid"
    return 0
  fi
  log "stopping Keycloak (pid $pid)"
  stop_pid "$pid"
  # a java child whose kc.sh parent is gone
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    if is_our_keycloak "$p"; then stop_pid "$p"; fi
  done
  rm -f "$KC_HOME/keycloak.pid"
  log "stopped"
}

cmd_status() {
  local pid code
  pid="$(read_pid)"
  code="$(http_code "$WELL_KNOWN")"
  if pid_alive "$pid"; then log "pid $pid running"; else log "no live pid in $KC_HOME/keycloak.pid"; fi
  if [[ "$code" == 200 ]]; then
    log "realm '$REALM' answers on port $PORT"
  else
    log "realm '$REALM' not available on port $PORT (HTTP $code)"
    return 1
  fi
}

[[ $# -eq 2 ]] || usage
ACTION="$1"
[[ -d "$2" && -x "$2/bin/kc.sh" ]] || { err "not a Keycloak home (no bin/kc.sh): $2"; exit 2; }
KC_HOME="$(cd "$2" && pwd -P)"

case "$ACTION" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
