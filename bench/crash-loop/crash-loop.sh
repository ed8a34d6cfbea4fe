#!/usr/bin/env bash
# Runs crash-run.sh N times (default 20), one after the other, each with its own seed, data directory and
# ports. Prints each run's result line and a summary; a failed run keeps its directory (logs, data) for
# replay: crash-run.sh --seed=<its seed>. Exit code 0 only if every run passed.
#   bench/crash-loop/crash-loop.sh [runs] [crash-run.sh options...]
#   e.g. nohup bench/crash-loop/crash-loop.sh 20 > crash-loop.out 2>&1 &
set -uo pipefail
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-20}
shift || true
loop_dir="$here/target/loop-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$loop_dir"
summary="$loop_dir/summary.txt"
passes=0; failures=0; errors=0
echo "crash loop $(date -u +%Y-%m-%dT%H:%MZ): $runs runs, $(nproc) cores, $(uname -sr), java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" | tee "$summary"
for i in $(seq 1 "$runs"); do
  seed=$(( (RANDOM << 30 | RANDOM << 15 | RANDOM) ))
  run_dir="$loop_dir/run-$i"
  line=$("$here/crash-run.sh" --seed="$seed" --run-dir="$run_dir" "$@" 2>"$loop_dir/run-$i.err")
  status=$?
  [[ -n "$line" ]] || line="ERROR seed=$seed (no result line; see run-$i.err)"
  case $status in
    0) passes=$((passes + 1)); rm -f "$loop_dir/run-$i.err" ;;
    1) failures=$((failures + 1)) ;;
    *) errors=$((errors + 1)) ;;
  esac
  echo "run $i/$runs: $line" | tee -a "$summary"
done
echo "runs=$runs passed=$passes failed=$failures errors=$errors (kept: $loop_dir)" | tee -a "$summary"
[[ $failures -eq 0 && $errors -eq 0 ]]
