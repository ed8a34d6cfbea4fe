#!/usr/bin/env bash
# The benchmark suite (issue 9): builds the application and the load driver, starts the application as a
# user runs it (java -jar, embedded PostgreSQL + local Zeebe broker, a temporary data directory, free ports),
# measures, stops it, and writes docs/benchmarks.md and docs/benchmarks.json. See bench/README.md.
#   bench/run.sh            the full run (tens of minutes; on a quiet machine)
#   bench/run.sh --smoke    small sizes and short durations: checks the harness end to end in a few minutes
# Needs a JDK 21+ in JAVA_HOME (with jcmd and jfr, for the profiles of missed targets).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
OFFLINE=${BENCH_MAVEN_OFFLINE:-}   # e.g. BENCH_MAVEN_OFFLINE=-o when Maven Central is out of reach
echo "== Building the application and the load driver (tests skipped)"
./mvnw $OFFLINE -q -Pbench -pl hub-api,bench/suite -am package -DskipTests
APP_JAR=$(ls hub-api/target/hub-api-*.jar | grep -v original | head -1)
exec "$JAVA_HOME/bin/java" -jar bench/suite/target/bench-suite-*.jar "$@" \
  --jar "$APP_JAR" --workdir "$ROOT" --out "${BENCH_OUT:-$ROOT/docs}"
