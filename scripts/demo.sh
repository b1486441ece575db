#!/usr/bin/env bash
# npm run demo: the whole system on the WeCom sandbox with its demo corp, on a fresh machine too.
# Starts MariaDB + Redis, migrates, starts the sandbox, the API and a worker (separate processes),
# registers the sandbox's demo corp, serves both web apps, prints the URLs and the demo login.
# A child that exits is restarted (short backoff, logged); Ctrl-C stops everything it started
# (MariaDB and Redis keep running: `npm run services stop`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STATE="$ROOT/.services"
mkdir -p "$STATE/logs"

API_PORT="${PORT:-3000}"
SANDBOX_PORT="${SANDBOX_PORT:-3100}"
ADMIN_WEB_PORT="${ADMIN_WEB_PORT:-5173}"
SIDEBAR_PORT="${SIDEBAR_PORT:-5174}"
DEMO_PASSWORD="${DEMO_ADMIN_PASSWORD:-scrm-demo-2026}"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
eval "$(bash scripts/services.sh start)"

# Demo secrets: generated once, kept in .services/ (git-ignored) so restarts keep sessions and data.
if [ ! -f "$STATE/demo-secrets" ]; then
  {
    echo "export JWT_SECRET=$(node -e "console.log(require('crypto').randomBytes(48).toString('base64'))")"
    echo "export SECRETS_ENCRYPTION_KEY=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")"
  } >"$STATE/demo-secrets"
fi
# shellcheck disable=SC1091
source "$STATE/demo-secrets"
# the demo keeps its own database, apart from a developer's
export DB_NAME="${DEMO_DB_NAME:-scrm_demo}"
export NODE_ENV=development APP_MODE=api PORT="$API_PORT" PUBLIC_BASE_URL="http://127.0.0.1:$API_PORT"
export ADMIN_INITIAL_USERNAME=admin ADMIN_INITIAL_PASSWORD="$DEMO_PASSWORD"
export CHAT_ARCHIVE_PULL_ENABLED=true # the sandbox stands in for the chat archive SDK
export WECOM_BASE_URL="http://127.0.0.1:$SANDBOX_PORT" WECOM_OAUTH_BASE_URL="http://127.0.0.1:$SANDBOX_PORT" WECOM_LOGIN_BASE_URL="http://127.0.0.1:$SANDBOX_PORT"
export SANDBOX_PORT SANDBOX_CALLBACK_URL="http://127.0.0.1:$API_PORT/wecom/callback/{corpId}"
export ENV_FILE="$STATE/none.env"

echo "[demo] building"
npm run build -w server -w wecom-sandbox >/dev/null
npm run build -w admin-web >/dev/null
# the sidebar asks the API for the corp, the app and the OAuth link (the sandbox's in the demo)
npm run build -w sidebar-h5 >/dev/null
echo "[demo] migrating"
node server/dist/server/src/database/migrate.js run

# Each child runs under a small supervisor: a child that exits (a crashed worker, an API killed by
# the OOM killer) is started again after a short backoff (1 s, doubling up to 10 s; back to 1 s once
# it has run for a minute), and the log says so. The other children keep running, so the sandbox
# keeps its state. Ctrl-C stops the supervisors and their children.
RESTART_MAX_BACKOFF="${DEMO_RESTART_MAX_BACKOFF:-10}"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM
supervise() {
  local name="$1"; shift
  local log="$STATE/logs/$name.log" child="" backoff=1 started rc
  : >"$log"
  trap '[ -n "$child" ] && kill -TERM -- "-$child" 2>/dev/null; exit 0' TERM
  trap '' INT # Ctrl-C reaches the script, which stops the supervisors in order
  while :; do
    started=$SECONDS
    # its own process group, so a stop reaches grandchildren too (npx → vite)
    setsid "$@" >>"$log" 2>&1 &
    child=$!
    wait "$child" && rc=0 || rc=$?
    child=""
    [ $((SECONDS - started)) -ge 60 ] && backoff=1
    echo "[demo] $name exited (status $rc); restarting it in ${backoff} s (log: $log)" >&2
    echo "[demo] --- exited (status $rc), restarting in ${backoff} s ---" >>"$log"
    sleep "$backoff" & wait $! || true
    backoff=$((backoff * 2 > RESTART_MAX_BACKOFF ? RESTART_MAX_BACKOFF : backoff * 2))
  done
}
start() { supervise "$@" & pids+=($!); }

start sandbox node wecom-sandbox/dist/src/main.js
start api node server/dist/server/src/main.js
start worker node server/dist/server/src/worker.js
start admin-web env SCRM_API_URL="http://127.0.0.1:$API_PORT" npx --no-install vite preview --config admin-web/vite.config.ts admin-web --port "$ADMIN_WEB_PORT" --strictPort --host 127.0.0.1
start sidebar-h5 env SCRM_API_URL="http://127.0.0.1:$API_PORT" npx --no-install vite preview --config sidebar-h5/vite.config.ts sidebar-h5 --port "$SIDEBAR_PORT" --strictPort --host 127.0.0.1

echo "[demo] waiting for the API"
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || { echo "API did not become ready, see $STATE/logs/api.log"; exit 1; }

echo "[demo] registering the sandbox's demo corp"
node scripts/demo-register-corp.mjs "http://127.0.0.1:$API_PORT" admin "$DEMO_PASSWORD" wecom-sandbox/seed/demo-corp.json
# the sidebar's launcher page, once the first sync has filled the mirror (in the background)
node scripts/demo-sidebar-launcher.mjs "http://127.0.0.1:$API_PORT" admin "$DEMO_PASSWORD" \
  "http://127.0.0.1:$SIDEBAR_PORT" sidebar-h5/dist/launcher.html >>"$STATE/logs/launcher.log" 2>&1 &

cat <<MSG

  WeCom SCRM demo is running (logs in .services/logs/; a crashed process is restarted; Ctrl-C stops it)

  Admin console    http://127.0.0.1:$ADMIN_WEB_PORT      login: admin / $DEMO_PASSWORD
  Sidebar H5       http://127.0.0.1:$SIDEBAR_PORT/launcher.html   (open it as any guide, on any customer or group)
  API              http://127.0.0.1:$API_PORT/api     docs: http://127.0.0.1:$API_PORT/api/docs
  Readiness        http://127.0.0.1:$API_PORT/health/ready
  WeCom sandbox    http://127.0.0.1:$SANDBOX_PORT/sandbox   (acts out customers and staff)

MSG
# the supervisors run until Ctrl-C
wait "${pids[@]}" || true
