#!/bin/sh
# The drill at the ten-year scale (README "Continuous replication"):
# replicate bench/run.sh's database (1,000,000 consultations) to a
# folder with Litestream, then time `heardctl restore` and its checks.
# Usage: bench/restore.sh BENCHDIR (HEARD_DB and HEARD_KEY set).
set -eu
cd "$(dirname "$0")/.."
dir=$1
rm -rf "$dir/replica" "$dir/restored.db" "$dir/ls"
mkdir -p "$dir/ls"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export HEARD_REPLICA="file://$dir/replica" HEARD_REPLICA_METRICS="127.0.0.1:$port"
export HEARD_LITESTREAM="${HEARD_LITESTREAM:-$(pwd)/node_modules/@flydotio/litestream-linux-x64/litestream}"
t0=$(date +%s%N)
sh tools/litestream.sh "$dir/ls" >"$dir/ls/litestream.log" 2>&1 &
ls=$!
trap 'kill $ls 2>/dev/null || true' EXIT
# Caught up: the replica's WAL position equals Litestream's copy's.
pos() { curl -fs "http://$HEARD_REPLICA_METRICS/metrics" 2>/dev/null | awk '
	/^litestream_shadow_wal_index/ {si = $2} /^litestream_shadow_wal_size/ {ss = $2}
	/^litestream_replica_wal_index/ {ri = $2} /^litestream_replica_wal_offset/ {ro = $2}
	END { if (ro > 0 && si == ri && ss == ro) print "yes" }'; }
until [ "$(pos)" = yes ]; do
	kill -0 $ls 2>/dev/null || { cat "$dir/ls/litestream.log" >&2; exit 1; }
	sleep 0.2
done
t1=$(date +%s%N)
kill $ls; wait $ls 2>/dev/null || true
n=$(sqlite3 "$HEARD_DB" "SELECT count(*) FROM consultation")
mb=$(( $(stat -c %s "$HEARD_DB") / 1048576 ))
out=$(build/heardctl restore --from "$HEARD_REPLICA" --to "$dir/restored.db")
t2=$(date +%s%N)
lit=$(echo "$out" | sed -n 's/.* in \([0-9.]*\) s$/\1/p')
sealed=$(echo "$out" | sed -n 's/.*, \([0-9]*\) sealed values open.*/\1/p')
echo "restore drill, ten years ($n consultations, $mb MB) from a folder replica: first snapshot shipped in $(( (t1 - t0) / 1000000 )) ms; heardctl restore $(( (t2 - t1) / 1000000 )) ms in all (litestream restore ${lit} s; then integrity, foreign keys, schema and $sealed sealed values opened)"
