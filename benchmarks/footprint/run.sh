#!/usr/bin/env bash
# Footprint of the local stack: start time and resident memory (RSS) per process.
# Starts the packaged platform exactly as `./meedoen run` does (without the build), twice on the same fresh
# data folder: a cold start (initdb, Flyway migrations, Kafka storage format) and a warm one (what a developer
# sees every day). Needs the services packaged: ./mvnw -B -DskipTests package (local-stack/target/local-stack.jar).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/local-stack/target/local-stack.jar"
BASE="${BASE:-28080}"
SETTLE="${SETTLE:-15}"   # seconds after "all up" before memory is read (startup garbage collected, consumers joined)
DATA="$(mktemp -d "${TMPDIR:-/tmp}/meedoen-footprint-XXXXXX")"
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }

rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
# proportional set size: shared pages (PostgreSQL's shared buffers) split among the processes that map them
pss_mib() { awk '/^Pss:/ {printf "%.0f", $2 / 1024}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

one_run() {
  local label="$1" out="$DATA/launcher-$1.out"
  java -Xmx512m -jar "$JAR" run --data "$DATA/stack" --base-port "$BASE" \
    --postgres-port $((BASE + 100)) --kafka-port $((BASE + 200)) > "$out" 2>&1 &
  local launcher=$!
  until [ -f "$out" ] && grep -q "all up in" "$out"; do
    kill -0 "$launcher" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.5
  done
  sleep "$SETTLE"
  echo "== $label start: $(grep -o 'all up in [0-9.]* s' "$out") (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -o '[a-z-]* *ready on [^ ]* ([0-9.]* s)' "$out" | sed 's/^/   /'
  printf '   %-22s %8s\n' process "RSS MiB"
  printf '   %-22s %8s\n' "launcher (+ Kafka)" "$(rss_mib "$launcher")"
  local total=$(rss_mib "$launcher")
  while read -r name pid _; do
    printf '   %-22s %8s\n' "$name" "$(rss_mib "$pid")"
    total=$((total + $(rss_mib "$pid")))
  done < "$DATA/stack/pids"
  local pm pg=0 pss=0
  pm=$(head -1 "$DATA/stack/postgres/postmaster.pid")
  for p in "$pm" $(pgrep -P "$pm"); do pg=$((pg + $(rss_mib "$p"))); pss=$((pss + $(pss_mib "$p"))); done
  printf '   %-22s %8s   (postmaster + %s backends/workers, RSS summed; PSS %s MiB)\n' \
    "PostgreSQL" "$pg" "$(pgrep -c -P "$pm")" "$pss"
  printf '   %-22s %8s   (with PostgreSQL as PSS: %s)\n' total "$((total + pg))" "$((total + pss))"
  # SIGTERM, not SIGINT: a background job of a script starts with SIGINT ignored
  kill -TERM "$launcher"
  wait "$launcher" || true
}

one_run cold
one_run warm
rm -rf "$DATA"
