#!/usr/bin/env bash
# Runs io.cadenza.bench.VisibilityBenchmark, building it and the data plane first if their jars are missing or older
# than their sources. Arguments are passed through, e.g.:
#
#   benchmarks/visibility.sh                          # 100000 executions, 20 warm-up + 200 timed calls per query
#   benchmarks/visibility.sh --executions 1000000 --repeats 100
#
# BENCH_REUSE_DATA_PLANE=1 keeps a data-plane jar that is older than its sources (it is still built when missing),
# e.g. while data-plane/src is being edited.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$ROOT/benchmarks/target/lib"
DATA_PLANE_JAR="$ROOT/data-plane/target/quarkus-app/quarkus-run.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

bench_jar() {
  local jar
  for jar in "$ROOT"/benchmarks/target/cadenza-benchmarks-*.jar; do
    case "$jar" in
      *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
      *) [[ -f "$jar" ]] && { echo "$jar"; return 0; } ;;
    esac
  done
  return 1
}

stale() { # stale JAR DIR... : whether JAR is missing or older than anything under the DIRs
  local jar="$1"; shift
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find "$@" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

modules=()
jar="$(bench_jar)" || jar=""
if [[ -z "$jar" || ! -d "$LIB" ]] || stale "$jar" "$ROOT/benchmarks/src" "$ROOT/benchmarks/pom.xml" \
    "$ROOT/devstack/src/main" "$ROOT/devstack/pom.xml" "$ROOT/pom.xml"; then
  modules+=(benchmarks)
fi
if [[ ! -f "$DATA_PLANE_JAR" ]] || { [[ "${BENCH_REUSE_DATA_PLANE:-}" != 1 ]] \
    && stale "$DATA_PLANE_JAR" "$ROOT/data-plane/src/main" "$ROOT/data-plane/pom.xml" "$ROOT/pom.xml"; }; then
  modules+=(data-plane)
fi
if [[ ${#modules[@]} -gt 0 ]]; then
  list="$(IFS=,; echo "${modules[*]}")"
  echo "benchmarks: building: ./mvnw -B -q -DskipTests package -pl $list -am"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$list" -am)
  jar="$(bench_jar)"
fi

exec "$JAVA" -Xmx2g -Dcadenza.home="$ROOT" -cp "$jar:$LIB/*" io.cadenza.bench.VisibilityBenchmark "$@"
