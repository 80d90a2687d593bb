#!/usr/bin/env bash
# Times LEXIMIN on the instances where peeling gets stuck or needs many panels: skewed pools with many distinct
# types (`GenerateInstances.java skewed`), the recorded 7-category instance (GenerateInstances.java) and the field trial's pool
# (GenerateFieldTrialPool.java). Wall clock per run, JVM start included, median of RUNS.
# Usage: benchmarks/draw-engine/run-leximin.sh [RUNS] [INSTANCE...]   (build first: ./mvnw -B -q -pl draw-engine package -DskipTests)
# Env: TIMEOUT (seconds per run, default 300), JAVA_OPTS (default -Xmx2g), JAR (default draw-engine/target/draw-engine-cli.jar),
#      OUT (directory for each run's JSON output, default instances/out).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${JAR:-$root/draw-engine/target/draw-engine-cli.jar}"
inst="$here/instances"
runs="${1:-3}"
shift || true
timeout_s="${TIMEOUT:-300}"
java_opts="${JAVA_OPTS:--Xmx2g}"
out="${OUT:-$inst/out}"
[[ -f "$jar" ]] || { echo "missing $jar: ./mvnw -B -q -pl draw-engine package -DskipTests" >&2; exit 1; }
mkdir -p "$out"

# name | generator command (run once, when the directory is missing) | panel size | extra CLI arguments
instances=(
  "skew400_a|GenerateInstances.java skewed DIR 400 40 6 4 1.3 1 1|40|"
  "skew400_b|GenerateInstances.java skewed DIR 400 40 6 4 1.3 1 2|40|"
  "skew400_c|GenerateInstances.java skewed DIR 400 40 6 5 1.6 1 1|40|"
  "skew400_loose|GenerateInstances.java skewed DIR 400 40 6 4 1.3 2 1|40|"
  "skew400_c2|GenerateInstances.java skewed DIR 400 40 6 5 1.6 1 2|40|"
  "skew1700_7cat|GenerateInstances.java skewed DIR 1700 110 7 5 1.75 1 1|110|"
  "skewed_1700_110|GenerateInstances.java $inst|110|"
  "fieldtrial_1700_110|GenerateFieldTrialPool.java DIR|110|--household-column household"
)

echo "| instance | types | median wall (s) | runs (s) | minProbability | CLI \"seconds\" |"
echo "|---|---|---|---|---|---|"
for i in "${instances[@]}"; do
  IFS='|' read -r name gen k extra <<<"$i"
  if (($# > 0)) && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  dir="$inst/$name"
  if [[ ! -f "$dir/respondents.csv" ]]; then
    java -Xmx256m "$here/${gen%% *}" $(sed "s|DIR|$dir|" <<<"${gen#* }") >&2
  fi
  times=(); min="-"; secs="-"; types="-"
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s%N)
    if timeout "$timeout_s" java $java_opts -jar "$jar" probabilities --categories "$dir/categories.csv" \
        --respondents "$dir/respondents.csv" --panel-size "$k" --algorithm leximin $extra \
        >"$out/$name.json" 2>"$out/$name.err"; then
      end=$(date +%s%N)
      times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')")
      min=$(grep -o '"minProbability":[^,]*' "$out/$name.json" | cut -d: -f2 || true)
      secs=$(grep -o '"seconds":[^,}]*' "$out/$name.json" | cut -d: -f2)
      types=$(grep -o '"types":[^,]*' "$out/$name.json" | cut -d: -f2)
    else
      times+=(">$timeout_s")
      break
    fi
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
  echo "| $name | $types | $median | ${times[*]} | $min | $secs |"
done
