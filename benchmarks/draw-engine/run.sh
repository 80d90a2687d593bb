#!/usr/bin/env bash
# Times the draw-engine CLI on the benchmark workloads: wall clock per run, JVM start included, median of RUNS.
# Usage: benchmarks/draw-engine/run.sh [RUNS]   (build first: ./mvnw -B -q -pl draw-engine install -DskipTests)
# Env: TIMEOUT (seconds per run, default 600), JAVA_OPTS (default -Xmx1g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/draw-engine/target/draw-engine-cli.jar"
inst="$here/instances"
runs="${1:-3}"
timeout_s="${TIMEOUT:-600}"
java_opts="${JAVA_OPTS:--Xmx1g}"
[[ -f "$jar" ]] || { echo "missing $jar: ./mvnw -B -q -pl draw-engine install -DskipTests" >&2; exit 1; }
[[ -d "$inst" ]] || java -Xmx256m "$here/GenerateInstances.java" "$inst" >&2
mkdir -p "$inst/small_20" && cp "$root/draw-engine/src/test/resources/example_small_20/"*.csv "$inst/small_20/"

# name | arguments after the jar
workloads=(
  "leximin example_small_20 (n=200, k=20, 2 categories)|probabilities --categories $inst/small_20/categories.csv --respondents $inst/small_20/respondents.csv --panel-size 20 --algorithm leximin"
  "leximin n=2000, k=200, 2 categories|probabilities --categories $inst/example_large_2000_200/categories.csv --respondents $inst/example_large_2000_200/respondents.csv --panel-size 200 --algorithm leximin"
  "leximin n=1700, k=110, 7 categories, skewed|probabilities --categories $inst/skewed_1700_110/categories.csv --respondents $inst/skewed_1700_110/respondents.csv --panel-size 110 --algorithm leximin"
  "uniform draw 500 of 50000 (record written)|draw --respondents $inst/uniform_50000_500/respondents.csv --panel-size 500 --algorithm uniform --seed bench --out $inst/uniform.record.json"
)

echo "| workload | median wall (s) | runs (s) | minProbability | CLI \"seconds\" |"
echo "|---|---|---|---|---|"
for w in "${workloads[@]}"; do
  name="${w%%|*}"; args="${w#*|}"
  times=(); min="-"; secs="-"
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    if out=$(timeout "$timeout_s" java $java_opts -jar "$jar" $args 2>"$inst/last.err"); then
      end=$(date +%s%N)
      times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')")
      min=$(grep -o '"minProbability":[^,]*' <<<"$out" | cut -d: -f2 || true); min="${min:--}"
      secs=$(grep -o '"seconds":[^,}]*' <<<"$out" | cut -d: -f2)
    else
      times+=(">$timeout_s (timeout or error)")
      break
    fi
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
  echo "| $name | $median | ${times[*]} | $min | $secs |"
done
echo
echo "in-process uniform draw (engine only, no JVM start or file I/O):"
java -Xmx512m -cp "$jar" "$here/UniformDrawBench.java"
