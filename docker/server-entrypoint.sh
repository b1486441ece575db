#!/bin/sh
set -e
cd /app
case "${1:-api}" in
  api) exec node server/dist/server/src/main.js ;;
  worker) exec node server/dist/server/src/worker.js ;;
  migrate) exec node server/dist/server/src/database/migrate.js run ;;
  *) exec "$@" ;;
esac
