#!/usr/bin/env bash
# Runs io.cadenza.bench.MixedWorkloadSoak, building it and the data plane first if their jars are missing or older
# than their sources (see run.sh). Arguments are passed through, e.g.:
#
#   benchmarks/soak.sh                                      # 2000 workflows, 100 in flight, own PostgreSQL + data plane
#   benchmarks/soak.sh --workflows 20000 --cadenza-address 127.0.0.1:7233
#
# BENCH_REUSE_DATA_PLANE=1 keeps a data-plane jar that is older than its sources (it is still built when missing).
set -euo pipefail
BENCH_MAIN=io.cadenza.bench.MixedWorkloadSoak exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
