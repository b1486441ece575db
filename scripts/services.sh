#!/usr/bin/env bash
# Makes MariaDB and Redis available for the demo and the tests.
#
#   scripts/services.sh start   use the configured servers when they answer; otherwise install
#                               Debian's mariadb-server / redis-server if missing (apt-get, root),
#                               start them with data in .services/ on the configured ports (or
#                               free ones), create the database and user, wait until both answer.
#                               Writes the connection settings to .services/env and prints them.
#   scripts/services.sh env     print the settings of .services/env (export lines)
#   scripts/services.sh start-cluster
#                               a local 3-node Redis Cluster (Debian's redis-server in cluster
#                               mode on free loopback ports, or REDIS_CLUSTER_PORTS="p1 p2 p3";
#                               3 masters, no replicas; data in .services/redis-cluster/), reused
#                               when it already runs; prints `export REDIS_CLUSTER_NODES=…`
#                               (also written to .services/env-cluster)
#   scripts/services.sh stop    stop only the servers this script started (the cluster too)
#   scripts/services.sh stop-cluster
#   scripts/services.sh status
#
# Idempotent. Never touches a system-wide service it did not start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.services"
ENV_OUT="$STATE/env"
mkdir -p "$STATE"

# Settings: the environment first, then .env, then defaults.
if [ -f "$ROOT/.env" ]; then
  while IFS='=' read -r key value; do
    [[ "$key" =~ ^(DB_HOST|DB_PORT|DB_USER|DB_PASSWORD|DB_NAME|REDIS_HOST|REDIS_PORT|REDIS_PASSWORD)$ ]] || continue
    [ -n "${!key:-}" ] || export "$key=${value%\"}"
  done < <(grep -E '^[A-Z_]+=' "$ROOT/.env" | sed 's/^\([A-Z_]*\)="\{0,1\}/\1=/')
fi
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-scrm}"
DB_PASSWORD="${DB_PASSWORD:-scrm}"
DB_NAME="${DB_NAME:-scrm}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_PASSWORD="${REDIS_PASSWORD:-}"

log() { echo "[services] $*" >&2; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

need_packages() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
    exit 1
  fi
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mariadb_client() { command -v mariadb >/dev/null 2>&1 && echo mariadb || echo mysql; }

db_answers() {
  local host="$1" port="$2"
  port_open "$host" "$port" || return 1
  command -v "$(mariadb_client)" >/dev/null 2>&1 || return 0
  MYSQL_PWD="$DB_PASSWORD" "$(mariadb_client)" --protocol=TCP -h "$host" -P "$port" -u "$DB_USER" \
    --connect-timeout=3 -e 'SELECT 1' >/dev/null 2>&1
}

redis_answers() {
  local host="$1" port="$2"
  port_open "$host" "$port" || return 1
  command -v redis-cli >/dev/null 2>&1 || return 0
  local auth=()
  [ -n "$REDIS_PASSWORD" ] && auth=(-a "$REDIS_PASSWORD" --no-auth-warning)
  [ "$(redis-cli -h "$host" -p "$port" "${auth[@]}" PING 2>/dev/null)" = PONG ]
}

start_mariadb() {
  local dir="$STATE/mariadb" pidf="$STATE/mariadb.pid" portf="$STATE/mariadb.port"
  if pid_alive "$pidf"; then
    DB_HOST=127.0.0.1 DB_PORT="$(cat "$portf")"
    db_answers "$DB_HOST" "$DB_PORT" && return 0
  fi
  if db_answers "$DB_HOST" "$DB_PORT"; then
    log "using MariaDB/MySQL at $DB_HOST:$DB_PORT"
    return 0
  fi
  need_packages
  local port="$DB_PORT"
  port_open 127.0.0.1 "$port" && port="$(free_port)"
  local user_flag=()
  [ "$(id -u)" = 0 ] && user_flag=(--user=root)
  if [ ! -d "$dir/mysql" ]; then
    log "initialising MariaDB data in $dir"
    mkdir -p "$dir"
    mariadb-install-db "${user_flag[@]}" --datadir="$dir" --skip-test-db --auth-root-authentication-method=socket \
      >"$STATE/mariadb-install.log" 2>&1
  fi
  log "starting MariaDB on 127.0.0.1:$port"
  local mariadbd_bin; mariadbd_bin="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  nohup setsid "$mariadbd_bin" --no-defaults "${user_flag[@]}" --datadir="$dir" --port="$port" \
    --bind-address=127.0.0.1 --socket="$STATE/mariadb.sock" --pid-file="$pidf" \
    --log-error="$STATE/mariadb.log" --skip-name-resolve --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci --max-connections=1000 --innodb-buffer-pool-size="${DB_BUFFER_POOL_SIZE:-512M}" \
    --innodb-log-file-size=256M --max-allowed-packet=64M >/dev/null 2>&1 &
  local started=$!
  echo "$port" >"$portf"
  for _ in $(seq 1 120); do
    kill -0 "$started" 2>/dev/null || { log "MariaDB exited at start-up:"; tail -5 "$STATE/mariadb.log" >&2; exit 1; }
    [ -S "$STATE/mariadb.sock" ] && "$(mariadb_client)" --socket="$STATE/mariadb.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  "$(mariadb_client)" --socket="$STATE/mariadb.sock" -uroot <<SQL
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost';
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
  DB_HOST=127.0.0.1 DB_PORT="$port"
  db_answers "$DB_HOST" "$DB_PORT" || { log "MariaDB did not come up, see $STATE/mariadb.log"; exit 1; }
}

start_redis() {
  local dir="$STATE/redis" pidf="$STATE/redis.pid" portf="$STATE/redis.port"
  if pid_alive "$pidf"; then
    REDIS_HOST=127.0.0.1 REDIS_PORT="$(cat "$portf")"
    redis_answers "$REDIS_HOST" "$REDIS_PORT" && return 0
  fi
  if redis_answers "$REDIS_HOST" "$REDIS_PORT"; then
    log "using Redis at $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  need_packages
  local port="$REDIS_PORT"
  port_open 127.0.0.1 "$port" && port="$(free_port)"
  mkdir -p "$dir"
  log "starting Redis on 127.0.0.1:$port"
  local auth=()
  [ -n "$REDIS_PASSWORD" ] && auth=(--requirepass "$REDIS_PASSWORD")
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes --pidfile "$pidf" \
    --logfile "$STATE/redis.log" --appendonly yes --appendfsync everysec --save '' "${auth[@]}"
  echo "$port" >"$portf"
  for _ in $(seq 1 60); do redis_answers 127.0.0.1 "$port" && break; sleep 0.25; done
  REDIS_HOST=127.0.0.1 REDIS_PORT="$port"
  redis_answers "$REDIS_HOST" "$REDIS_PORT" || { log "Redis did not come up, see $STATE/redis.log"; exit 1; }
}

CLUSTER_DIR="$STATE/redis-cluster"
CLUSTER_ENV="$STATE/env-cluster"

cluster_ok() {
  local port="$1"
  redis-cli -h 127.0.0.1 -p "$port" CLUSTER INFO 2>/dev/null | grep -q '^cluster_state:ok'
}

start_cluster() {
  local ports=() port
  if [ -f "$CLUSTER_DIR/ports" ]; then
    read -r -a ports <"$CLUSTER_DIR/ports"
    local alive=1
    for port in "${ports[@]}"; do pid_alive "$CLUSTER_DIR/$port/redis.pid" || alive=0; done
    if [ "$alive" = 1 ] && cluster_ok "${ports[0]}"; then
      write_cluster_env "${ports[@]}"
      return 0
    fi
    stop_cluster
  fi
  command -v redis-server >/dev/null 2>&1 || need_packages
  if [ -n "${REDIS_CLUSTER_PORTS:-}" ]; then
    read -r -a ports <<<"$REDIS_CLUSTER_PORTS"
  else
    ports=()
    while [ ${#ports[@]} -lt 3 ]; do
      port="$(free_port)"
      # a cluster node also listens on port + 10000 (the cluster bus)
      [ "$port" -lt 55000 ] && ! port_open 127.0.0.1 $((port + 10000)) && [[ " ${ports[*]} " != *" $port "* ]] && ports+=("$port")
    done
  fi
  mkdir -p "$CLUSTER_DIR"
  echo "${ports[*]}" >"$CLUSTER_DIR/ports"
  for port in "${ports[@]}"; do
    rm -rf "${CLUSTER_DIR:?}/$port" && mkdir -p "$CLUSTER_DIR/$port"
    log "starting Redis Cluster node on 127.0.0.1:$port"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$CLUSTER_DIR/$port" --daemonize yes \
      --pidfile "$CLUSTER_DIR/$port/redis.pid" --logfile "$CLUSTER_DIR/$port/redis.log" \
      --cluster-enabled yes --cluster-config-file "$CLUSTER_DIR/$port/nodes.conf" \
      --cluster-node-timeout 5000 --appendonly no --save ''
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 60); do redis_answers 127.0.0.1 "$port" && break; sleep 0.25; done
    redis_answers 127.0.0.1 "$port" || { log "Redis Cluster node $port did not come up, see $CLUSTER_DIR/$port/redis.log"; exit 1; }
  done
  local nodes=()
  for port in "${ports[@]}"; do nodes+=("127.0.0.1:$port"); done
  log "creating the cluster: ${nodes[*]}"
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$CLUSTER_DIR/create.log" 2>&1 ||
    { log "redis-cli --cluster create failed, see $CLUSTER_DIR/create.log"; exit 1; }
  for _ in $(seq 1 80); do
    local all=1
    for port in "${ports[@]}"; do cluster_ok "$port" || all=0; done
    [ "$all" = 1 ] && break
    sleep 0.25
  done
  cluster_ok "${ports[0]}" || { log "the cluster did not reach cluster_state:ok"; exit 1; }
  write_cluster_env "${ports[@]}"
}

write_cluster_env() {
  local nodes=() port
  for port in "$@"; do nodes+=("127.0.0.1:$port"); done
  local IFS=,
  echo "export REDIS_CLUSTER_NODES=${nodes[*]}" >"$CLUSTER_ENV"
}

stop_cluster() {
  [ -f "$CLUSTER_DIR/ports" ] || return 0
  local ports=() port
  read -r -a ports <"$CLUSTER_DIR/ports"
  for port in "${ports[@]}"; do
    local pidf="$CLUSTER_DIR/$port/redis.pid"
    if pid_alive "$pidf"; then
      local pid; pid="$(cat "$pidf")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      log "stopped Redis Cluster node $port"
    fi
  done
  rm -f "$CLUSTER_DIR/ports" "$CLUSTER_ENV"
}

write_env() {
  {
    echo "export DB_HOST=$DB_HOST"
    echo "export DB_PORT=$DB_PORT"
    echo "export DB_USER=$DB_USER"
    echo "export DB_PASSWORD=$DB_PASSWORD"
    echo "export DB_NAME=$DB_NAME"
    echo "export REDIS_HOST=$REDIS_HOST"
    echo "export REDIS_PORT=$REDIS_PORT"
    [ -n "$REDIS_PASSWORD" ] && echo "export REDIS_PASSWORD=$REDIS_PASSWORD"
    true
  } >"$ENV_OUT"
}

stop_one() {
  local name="$1" pidf="$STATE/$1.pid"
  if pid_alive "$pidf"; then
    local pid; pid="$(cat "$pidf")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    log "stopped $name"
  fi
  rm -f "$pidf"
}

case "${1:-start}" in
  start)
    start_mariadb
    start_redis
    write_env
    cat "$ENV_OUT"
    ;;
  env) cat "$ENV_OUT" ;;
  start-cluster)
    start_cluster
    cat "$CLUSTER_ENV"
    ;;
  stop-cluster) stop_cluster ;;
  stop)
    stop_one mariadb
    stop_one redis
    stop_cluster
    ;;
  status)
    pid_alive "$STATE/mariadb.pid" && echo "mariadb: running on $(cat "$STATE/mariadb.port")" || echo "mariadb: not started by this script"
    pid_alive "$STATE/redis.pid" && echo "redis: running on $(cat "$STATE/redis.port")" || echo "redis: not started by this script"
    [ -f "$CLUSTER_ENV" ] && echo "redis cluster: $(cut -d= -f2 "$CLUSTER_ENV")" || echo "redis cluster: not started by this script"
    ;;
  *) echo "usage: $0 start|env|start-cluster|stop-cluster|stop|status" >&2; exit 2 ;;
esac
