#!/usr/bin/env bash
# Runs the official RealWorld Postman collection with newman against the
# capstone: builds it, starts it on a free loopback port (with the caller's
# environment, e.g. DATABASE_URL), waits for /readyz, runs the suite, prints
# the summary, stops the server. Exits non-zero on any failed assertion.
#
#   bash capstone/conformance/newman.sh                  # in-memory store
#   DATABASE_URL=postgres://… bash capstone/conformance/newman.sh
#
# Environment: CONDUIT_COLLECTION (path to Conduit.postman_collection.json;
# default ../shared/conformance/realworld from the repo root), NEWMAN_DIR
# (where newman is installed; default ~/.cache/workbook/newman).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
capstone="$(dirname "$here")"
repo="$(dirname "$capstone")"
collection="${CONDUIT_COLLECTION:-$repo/../shared/conformance/realworld/Conduit.postman_collection.json}"
newman_dir="${NEWMAN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/workbook/newman}"
newman_version=6.2.2

if [[ ! -f "$collection" ]]; then
  echo "newman.sh: collection not found at $collection (set CONDUIT_COLLECTION)" >&2
  exit 2
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "newman.sh: building the capstone"
(cd "$capstone" && go build -o "$work/capstone" .)

if [[ ! -x "$newman_dir/node_modules/.bin/newman" ]]; then
  echo "newman.sh: installing newman@$newman_version into $newman_dir"
  mkdir -p "$newman_dir"
  npm install --no-audit --no-fund --silent --prefix "$newman_dir" "newman@$newman_version" >/dev/null
fi

# Port 0 lets the kernel pick a free port; the server logs the one it got.
# The suite registers two users and logs in twice, so the auth rate limit is
# raised for the run; DRAIN_DELAY=0 makes the stop immediate.
backend="memory"; [[ -n "${DATABASE_URL:-}" ]] && backend="postgres"
echo "newman.sh: starting the capstone ($backend store)"
ADDR=127.0.0.1:0 DEBUG_ADDR="${DEBUG_ADDR:-127.0.0.1:0}" AUTH_RATE_PER_MINUTE="${AUTH_RATE_PER_MINUTE:-600}" AUTH_BURST="${AUTH_BURST:-50}" \
  DRAIN_DELAY=0s BCRYPT_COST="${BCRYPT_COST:-10}" "$work/capstone" >"$work/server.log" 2>&1 &
server_pid=$!

addr=""
for _ in $(seq 1 150); do
  addr="$(grep -o '"msg":"listening","addr":"[^"]*"' "$work/server.log" | sed 's/.*"addr":"\([^"]*\)"/\1/' || true)"
  if [[ -n "$addr" ]] && curl -fsS "http://$addr/readyz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "newman.sh: the capstone exited early:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  addr=""
  sleep 0.2
done
if [[ -z "$addr" ]]; then
  echo "newman.sh: the capstone was not ready after 30s:" >&2
  tail -n 50 "$work/server.log" >&2
  exit 1
fi
echo "newman.sh: ready on http://$addr"

stamp="$(date +%s)$RANDOM"
status=0
"$newman_dir/node_modules/.bin/newman" run "$collection" \
  --global-var "APIURL=http://$addr/api" \
  --global-var "USERNAME=u$stamp" \
  --global-var "EMAIL=u$stamp@mail.com" \
  --global-var "PASSWORD=password" \
  --reporters cli --reporter-cli-no-banner --reporter-cli-no-console \
  || status=$?

if [[ $status -ne 0 ]]; then
  echo "newman.sh: FAILED on the $backend store (newman exit $status); last server log lines:" >&2
  tail -n 20 "$work/server.log" >&2
  exit 1
fi
echo "newman.sh: all assertions passed on the $backend store"
