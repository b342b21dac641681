#!/bin/sh
# `make test`: every suite, release build and sanitizer build, then one
# closing line "N passed, N failed" over all of them.
set -u
cd "$(dirname "$0")/.."
mkdir -p tests/out
total_pass=0 total_fail=0 status=0

# Run one suite; add up its closing "LABEL: N passed, N failed" line.
suite() {
	label=$1; shift
	echo "== $label"
	out=tests/out/$label.log
	"$@" > "$out" 2>&1
	rc=$?
	grep -v '^ok ' "$out" | tail -n 60
	line=$(grep -E '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ -z "$line" ]; then
		echo "$label: did not finish (exit $rc); counted as one failure"
		p=0 f=1
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$label: exited $rc; counted as one failure"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$f" -eq 0 ] || status=1
}

export ASAN_OPTIONS="detect_leaks=1:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
suite unit build/unit
suite unit-asan build/asan/unit
suite fuzz sh tests/fuzz/replay.sh
suite mutants-list python3 tests/mutants.py --check
suite e2e python3 tests/e2e/run.py --bindir build --label e2e
suite e2e-asan python3 tests/e2e/run.py --bindir build/asan --label e2e-asan
suite browser python3 tests/browser/run.py

echo "$total_pass passed, $total_fail failed"
exit $status
