#!/usr/bin/env bash
# Runs io.cadenza.bench.VisibilityBenchmark, building it and the data plane first if their jars are missing or older
# than their sources (see run.sh). Arguments are passed through, e.g.:
#
#   benchmarks/visibility.sh                          # 100000 executions, 20 warm-up + 200 timed calls per query
#   benchmarks/visibility.sh --executions 1000000 --repeats 100
#
# BENCH_REUSE_DATA_PLANE=1 keeps a data-plane jar that is older than its sources (it is still built when missing).
set -euo pipefail
BENCH_MAIN=io.cadenza.bench.VisibilityBenchmark exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
