#!/bin/sh
# Replay every fuzz target over its committed corpus (one run each input).
cd "$(dirname "$0")/../.."
pass=0 fail=0
for dir in tests/fuzz/corpus/*/; do
	t=$(basename "$dir")
	if build/fuzz/fuzz_"$t" "$dir"* >/dev/null 2>build/fuzz/"$t".log; then
		echo "ok   fuzz_$t"; pass=$((pass + 1))
	else
		echo "FAIL fuzz_$t"; tail -n 20 build/fuzz/"$t".log; fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
