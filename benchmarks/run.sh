#!/usr/bin/env bash
# Runs io.cadenza.bench.WorkflowThroughputBenchmark, building it (and the data plane, when the run starts its own
# Cadenza) first if the jars are missing or older than their sources. Arguments are passed through, e.g.:
#
#   benchmarks/run.sh                                     # both targets, 5000 workflows after 8000 warm-up, 100 in flight
#   benchmarks/run.sh --target testserver --workflows 5000
#   benchmarks/run.sh --cadenza-address 127.0.0.1:7233    # a running data plane
#   benchmarks/run.sh --target system,testserver          # the whole stack through the gateway, API key auth
#
# BENCH_MAIN picks another harness of the module (benchmarks/visibility.sh uses it). BENCH_REUSE_DATA_PLANE=1 keeps
# a data-plane jar that is older than its sources (it is still built when missing).
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

# The data plane is only needed when this run starts its own Cadenza: not for --target testserver, nor with
# --cadenza-address.
needs_data_plane=true
needs_system=false
previous=""
for arg in "$@"; do
  case "$previous $arg" in
    "--target testserver" | *" --target=testserver" | *" --cadenza-address"* | "--cadenza-address "*)
      needs_data_plane=false ;;
  esac
  case "$previous $arg" in
    "--target "*system* | *" --target="*system*) needs_system=true ;;
  esac
  previous="$arg"
done

stale() { # stale JAR DIR... : whether JAR is missing or older than anything under the DIRs
  local jar="$1"; shift
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find "$@" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

modules="benchmarks"
needs_build=false
jar="$(bench_jar)" || jar=""
if [[ -z "$jar" || ! -d "$LIB" ]] || stale "$jar" "$ROOT/benchmarks/src" "$ROOT/benchmarks/pom.xml" \
    "$ROOT/devstack/src/main" "$ROOT/devstack/pom.xml" "$ROOT/pom.xml"; then
  needs_build=true
fi
if [[ "$needs_data_plane" == true ]]; then
  modules="data-plane,benchmarks"
  if [[ ! -f "$DATA_PLANE_JAR" ]] || { [[ "${BENCH_REUSE_DATA_PLANE:-}" != 1 ]] \
      && stale "$DATA_PLANE_JAR" "$ROOT/data-plane/src/main" "$ROOT/data-plane/pom.xml" "$ROOT/pom.xml"; }; then
    needs_build=true
  fi
fi
# The system target runs ./cadenza dev's whole stack: every service's jar, Keycloak's and Kafka's distributions.
if [[ "$needs_system" == true ]]; then
  for service in data-plane control-plane tenant-gateway dashboard billing; do
    service_jar="$ROOT/$service/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "$service_jar" ]] || { [[ "${BENCH_REUSE_DATA_PLANE:-}" != 1 ]] \
        && stale "$service_jar" "$ROOT/$service/src/main" "$ROOT/$service/pom.xml"; }; then
      modules="all"
      needs_build=true
    fi
  done
  [[ -d "$ROOT/devstack/target/kafka-libs" && -d "$ROOT/devstack/target/keycloak" ]] || { modules="all"; needs_build=true; }
fi
if [[ "$needs_build" == true && "$modules" == all ]]; then
  echo "benchmarks: building the whole system: ./mvnw -B -q -DskipTests package"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
  jar="$(bench_jar)"
elif [[ "$needs_build" == true ]]; then
  echo "benchmarks: building: ./mvnw -B -q -DskipTests package -pl $modules -am"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$modules" -am)
  jar="$(bench_jar)"
fi

exec "$JAVA" -Xmx2g -Dcadenza.home="$ROOT" -cp "$jar:$LIB/*" "${BENCH_MAIN:-io.cadenza.bench.WorkflowThroughputBenchmark}" "$@"
