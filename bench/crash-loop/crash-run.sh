#!/usr/bin/env bash
# One crash run: start the application (java -jar, fresh data directory), load it, SIGKILL it (and in some
# runs its broker) at a random moment, restart it, finish every pathway, check. One result line on stdout;
# exit 0 PASS, 1 FAIL (an invariant broken), 2 ERROR (the run could not be carried out).
#   bench/crash-loop/crash-run.sh [--seed=N] [--run-dir=DIR] [--phones=4] [--min-kill-seconds=5]
#                                 [--max-kill-seconds=45] [--broker-kill-percent=33] [--startup-timeout=PT10M] [--settle-timeout=PT6M]
#                                 [--java-options="-Xmx1g -XX:TieredStopAtLevel=1"] [--keep-data]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
java="$JAVA_HOME/bin/java"
built="$root/hub-api/target/hub-api-0.1.0-SNAPSHOT.jar"
jar="$here/target/hub-api.jar"
lib="$here/target/lib"

if [[ ! -f "$built" ]]; then
  echo "building $built" >&2
  (cd "$root" && ./mvnw -q -DskipTests package) >&2
fi
# A copy, so that a build while a loop runs cannot rewrite the jar under a running application.
mkdir -p "$here/target"
if [[ ! -f "$jar" || "$built" -nt "$jar" ]]; then
  cp "$built" "$jar.tmp" && mv "$jar.tmp" "$jar"
fi
# Jackson and the PostgreSQL driver for the load generator, the very versions the application ships.
if [[ ! -d "$lib" || "$jar" -nt "$lib" ]]; then
  rm -rf "$lib" && mkdir -p "$lib"
  unzip -q -j -o "$jar" 'BOOT-INF/lib/jackson-core-*' 'BOOT-INF/lib/jackson-databind-*' \
    'BOOT-INF/lib/jackson-annotations-*' 'BOOT-INF/lib/postgresql-*' -d "$lib"
fi

keep=false
args=()
run_dir=""
for arg in "$@"; do
  case "$arg" in
    --keep-data) keep=true ;;
    --run-dir=*) run_dir="${arg#--run-dir=}"; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
if [[ -z "$run_dir" ]]; then
  run_dir="$here/target/runs/run-$(date +%Y%m%d-%H%M%S)"
  args+=("--run-dir=$run_dir")
fi
mkdir -p "$run_dir"

status=0
"$java" -cp "$lib/*" "$here/CrashRun.java" --jar="$jar" "${args[@]}" || status=$?
# The data directory is large (broker distribution, PostgreSQL); logs and results stay in the run directory.
if [[ $status -eq 0 && $keep == false ]]; then
  rm -rf "$run_dir/data"
fi
exit $status
