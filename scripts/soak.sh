#!/usr/bin/env bash
# Soak test: every lab must give the same verdicts run after run, idle and
# with both cores busy, in both networks. Usage: scripts/soak.sh [RUNS]
# (default 50)
#
# Runs `socklab run all --repeat RUNS` four times: in socklab's private
# network (every packet captured, wire checks on) and with --host-network,
# each on an idle machine and under `stress-ng --cpu <cores>`. Exits
# non-zero if any check failed in any run. Needs stress-ng (Debian package
# stress-ng) for the loaded half.
set -euo pipefail
runs="${1:-50}"
cd "$(dirname "$0")/.."
cargo build --release --quiet
socklab=target/release/socklab

soak() {
    local label="$1"
    shift
    local started=$SECONDS
    if "$socklab" run all --repeat "$runs" --format json "$@" > "target/soak-$label.json"; then
        echo "soak ($label): every check passed $runs/$runs in $((SECONDS - started)) s"
    else
        echo "soak ($label): FAILED; checks that did not pass every run:"
        python3 - "target/soak-$label.json" <<'PY'
import json, sys
for report in json.load(open(sys.argv[1])):
    for check in report["checks"]:
        runs = check.get("runs", {})
        if check["verdict"] == "mismatch":
            print(f'  lab {report["number"]} {check["id"]}: {runs.get("passed")}/{runs.get("total")} (observed {check["observed"]})')
PY
        return 1
    fi
}

status=0
soak idle || status=1
soak idle-host-network --host-network || status=1

if command -v stress-ng >/dev/null; then
    stress-ng --cpu "$(nproc)" --timeout 1800s --quiet &
    stress_pid=$!
    trap 'kill $stress_pid 2>/dev/null || true' EXIT
    soak loaded || status=1
    soak loaded-host-network --host-network || status=1
    kill "$stress_pid" 2>/dev/null || true
else
    echo "soak (loaded): stress-ng not installed (apt-get install stress-ng)" >&2
    status=1
fi
exit $status
