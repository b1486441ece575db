#!/usr/bin/env bash
# npm test: every test of every workspace, on a fresh machine too.
#  - installs npm dependencies when missing, starts MariaDB and Redis (scripts/services.sh),
#    installs Debian's Chromium for the browser tests when missing (root);
#  - server: unit, integration (real MariaDB + Redis, throwaway database per run, and a local
#    3-node Redis Cluster: scripts/services.sh start-cluster), end-to-end;
#  - wecom-sandbox: the contract suite; web apps: component tests and browser tests;
#  - prints one summary line "Summary: N passed, N failed, N skipped".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPORTS="$ROOT/.test-reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "=== installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund || exit 1
fi

echo "=== services"
SERVICES_ENV="$(bash scripts/services.sh start)" || { echo "could not start MariaDB/Redis"; exit 1; }
eval "$SERVICES_ENV"

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  echo "=== installing Debian's chromium for the browser tests"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
fi
# a CJK font, so that the browser tests' screenshots show the Chinese pages as operators see them
if [ ! -d /usr/share/fonts/truetype/wqy ] && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null 2>&1 ||
    echo "(could not install fonts-wqy-microhei: screenshots will show boxes for Chinese text)"
fi

status=0
# Each step is bounded (STEP_TIMEOUT, default 20 min): a hung step fails instead of hanging CI.
STEP_TIMEOUT="${STEP_TIMEOUT:-1200}"
step() {
  local name="$1"; shift
  echo
  echo "=== $name"
  if ! timeout --kill-after=30 "$STEP_TIMEOUT" "$@"; then
    echo "!!! $name failed"
    status=1
  fi
}
has_script() { node -e "process.exit(require('./$1/package.json').scripts?.['$2'] ? 0 : 1)"; }

step "build: server" npm run build -w server
step "build: wecom-sandbox" npm run build -w wecom-sandbox

JEST="$ROOT/node_modules/.bin/jest"
step "server: unit" "$JEST" -c server/jest.config.js --selectProjects unit --forceExit --json --outputFile="$REPORTS/server-unit.json"
# the Redis Cluster test (server/test/integration/redis-cluster.integration-spec.ts) runs on a
# local 3-node cluster; only that test uses it (the others stay on the single Redis)
if CLUSTER_ENV="$(bash scripts/services.sh start-cluster)"; then
  export SCRM_TEST_REDIS_CLUSTER_NODES="${CLUSTER_ENV#export REDIS_CLUSTER_NODES=}"
else
  echo "!!! could not start the local Redis Cluster"; status=1
fi
step "server: integration (MariaDB + Redis)" "$JEST" -c server/jest.config.js --selectProjects integration --runInBand --forceExit \
  --json --outputFile="$REPORTS/server-integration.json"
step "server: end-to-end" "$JEST" -c server/jest.config.js --selectProjects e2e --runInBand --forceExit \
  --json --outputFile="$REPORTS/server-e2e.json"
step "wecom-sandbox: contract suite" "$JEST" -c wecom-sandbox/jest.config.js --forceExit --json --outputFile="$REPORTS/wecom-sandbox.json"

for app in admin-web sidebar-h5; do
  step "$app: build" npm run build -w "$app"
  step "$app: component tests" bash -c "cd $app && npx vitest run --reporter=default --reporter=json --outputFile=$REPORTS/$app-unit.json"
  if has_script "$app" test:e2e; then
    step "$app: browser tests" bash -c "cd $app && npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=$REPORTS/$app-e2e.json"
  fi
done

echo
node scripts/test-summary.mjs "$REPORTS" || status=1
exit $status
