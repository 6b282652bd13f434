#!/usr/bin/env bash
# Starts a fresh Voxbox (embedded SQLite in a temporary directory) and measures PIN change latency through the
# REST API at history depth 0, 10 and 24. Usage: bench/pin-change-latency.sh [changes-per-depth]
# Build first: ./mvnw -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
jar=server/target/voxbox.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
data=$(mktemp -d)
port=${PORT:-18080}
token="bench-admin-token-$(date +%s%N)"
VOXBOX_DATA_DIR="$data" VOXBOX_BOOTSTRAP_ADMIN_TOKEN="$token" VOXBOX_HTTP_PORT="$port" \
  java -jar "$jar" --voxbox.pin.checks-per-minute=100000 > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do
  kill -0 $server 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
  curl -fs "http://localhost:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
java bench/pin-change/PinChangeLatency.java "http://localhost:$port" "$token" "${1:-60}"
