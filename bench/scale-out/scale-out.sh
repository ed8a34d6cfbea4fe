#!/usr/bin/env bash
# The scale-out run (docs/scaling.md): a three-broker Zeebe cluster, one external PostgreSQL, two application
# instances in the remote engine mode; steady load through both, SIGKILL of a broker, then of an instance; checks
# in PostgreSQL. Prints throughput and p99 per phase and the recovery times; exit 0 PASS, 1 FAIL, 2 ERROR.
#   bench/scale-out/scale-out.sh [--brokers=3] [--instances=2] [--phones-per-instance=2] [--phase-seconds=60]
#                                [--broker-heap=512m] [--java-options="-Xmx768m -XX:TieredStopAtLevel=1"] [--keep-data]
# --brokers=1 --instances=1 --phones-per-instance=4 (no kills) and --brokers=3 --instances=1 --phones-per-instance=4
# (the broker kill only) give the comparison figures with the same four phones.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
built="$root/hub-api/target/hub-api-0.1.0-SNAPSHOT.jar"
jar="$here/target/hub-api.jar"
lib="$here/target/lib"
classes="$here/target/classes"

if [[ ! -f "$built" ]]; then
  echo "building $built" >&2
  (cd "$root" && ./mvnw -q -DskipTests package) >&2
fi
mkdir -p "$here/target"
if [[ ! -f "$jar" || "$built" -nt "$jar" ]]; then
  cp "$built" "$jar.tmp" && mv "$jar.tmp" "$jar"
fi
# The driver runs PostgreSQL (zonky) and asks the cluster's topology (Camunda client): the application's own
# libraries, the very versions it ships.
if [[ ! -d "$lib" || "$jar" -nt "$lib" ]]; then
  rm -rf "$lib" && mkdir -p "$lib"
  unzip -q -j -o "$jar" 'BOOT-INF/lib/*.jar' -d "$lib"
fi
# The broker distribution the build resolved (the one the local engine mode runs).
properties="$root/hub-api/target/classes/META-INF/hub-build.properties"
distribution=$(sed -n 's/^zeebe-broker.distribution=//p' "$properties")
version=$(sed -n 's/^zeebe-broker.version=//p' "$properties")
broker_home="$here/target/camunda-zeebe-$version"
if [[ ! -x "$broker_home/bin/broker" ]]; then
  tar -xzf "$distribution" -C "$here/target"
fi
# CrashRun's load and checks, compiled with the run.
if [[ ! -d "$classes" || "$here/ScaleOutRun.java" -nt "$classes" || "$root/bench/crash-loop/CrashRun.java" -nt "$classes" ]]; then
  rm -rf "$classes" && mkdir -p "$classes"
  "$JAVA_HOME/bin/javac" -nowarn -d "$classes" -cp "$lib/*" "$root/bench/crash-loop/CrashRun.java" "$here/ScaleOutRun.java"
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
"$JAVA_HOME/bin/java" -Xmx512m -cp "$classes:$lib/*" ScaleOutRun --jar="$jar" --broker-home="$broker_home" "${args[@]}" || status=$?
if [[ $status -eq 0 && $keep == false ]]; then
  rm -rf "$run_dir"/postgres "$run_dir"/zeebe-* "$run_dir"/app-*/
fi
exit $status
