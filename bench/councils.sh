#!/bin/sh
# Many councils on one box (issue 18 item 4), part of `make bench` and
# runnable alone (`sh bench/councils.sh`, after `make all`): BENCH_COUNCILS
# (20) instances, each with its own folder, database, key file, socket and
# heard-fcgi (BENCH_COUNCIL_WORKERS workers each, default one per core,
# as in production), behind one nginx that chooses by host name.  It
# measures, in the same run:
#   - the form page of one council alone (the others not started),
#   - the same council's form page with all of them running (idle
#     instances cost nothing but memory),
#   - the form pages of all of them, each request to the next council,
#     as a ratio to the first (the cost of spreading: every request
#     wakes another instance's worker, whose caches are cold),
#   - memory per council: RSS and PSS (shared pages divided among the
#     processes sharing them) of an instance's processes, at rest after
#     start and after the load.
# Appends its lines to bench/results.txt (and build/bench-councils/).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
n=${BENCH_COUNCILS:-20}
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=2
cw=${BENCH_COUNCIL_WORKERS:-$(nproc)}
dir=$root/build/bench-councils
rm -rf "$dir"
mkdir -p "$dir/lib" "$dir/run"
unset HEARD_DB HEARD_KEY HEARD_SOCKET HEARD_BASE_URL HEARD_INSTANCE
export HEARD_INSTANCE_ROOT=$dir/lib HEARD_WORKERS=$cw
export HEARD_TEMPLATES=$root/templates HEARD_STATIC=$root/static
export BENCH_THREADS=$threads
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
names=""
i=1
while [ $i -le "$n" ]; do names="$names $(printf c%02d $i)"; i=$((i + 1)); done

echo "bench: $n councils, each a review with a parent's link..."
: > "$dir/councils.txt"
for c in $names; do
	mkdir -m 700 "$dir/lib/$c"
	build/heardctl --instance "$c" init > /dev/null
	r=$(build/heardctl --instance "$c" review add --child "REF-$c" \
	    --date "$(date -u -d '+21 days' +%F)" --type cic)
	build/heardctl --instance "$c" issue --review "$r" --audience parent |
	    awk '/^link / {sub(/.*\/c\//, ""); print}' > "$dir/lib/$c.token"
	echo "$c $c.bench.test $dir/run/$c.sock" >> "$dir/councils.txt"
done
sh tools/councils-nginx.sh local "$dir/run" "$port" "$dir/councils.txt"
sed -i '/limit_req /d' "$dir"/run/locations-*.conf
sed -i 's/worker_processes 1;/worker_processes auto;/' "$dir/run/nginx.conf"

pids=""
start() {
	HEARD_INSTANCE=$1 HEARD_SOCKET=$dir/run/$1.sock build/heard-fcgi \
	    2>>"$dir/$1.log" &
	echo $! > "$dir/$1.pid"
	pids="$pids $!"
}
nginx -p "$dir/run" -e "$dir/run/nginx-error.log" -c "$dir/run/nginx.conf" &
ngx=$!
trap 'kill $pids $ngx 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
base=http://127.0.0.1:$port
ready() { until curl -fs -H "Host: $1.bench.test" "$base/healthz" >/dev/null; do sleep 0.1; done; }

# The visit cookie each council's link gives.
cookie() {
	curl -s -o /dev/null -D - -H "Host: $1.bench.test" \
	    "$base/c/$(cat "$dir/lib/$1.token")" |
	    awk -F'[=;]' 'tolower($0) ~ /^set-cookie: __host-heard-visit=/ {print $2}'
}
# kB of RSS and PSS over an instance's processes: "RSS PSS".
mem() {
	p=$(cat "$dir/$1.pid")
	for q in $p $(ps -o pid= --ppid "$p"); do
		awk '/^Rss:/ {r = $2} /^Pss:/ {s = $2} END {print r, s}' "/proc/$q/smaps_rollup"
	done | awk '{r += $1; s += $2} END {print r, s}'
}
measure() {
	wrk -t$threads -c$conns -d${secs}s --latency "$@" > "$dir/wrk.out" 2>&1
	rps=$(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out")
	p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$dir/wrk.out")
	non2xx=$(awk '/Non-2xx/ {print $4}' "$dir/wrk.out")
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
out=$dir/results.txt
: > "$out"
line() { echo "$*" | tee -a "$out"; }

# One council alone.
first=${names# }
first=${first%% *}
start "$first"
ready "$first"
echo "$first.bench.test $(cookie "$first")" > "$dir/one.txt"
BENCH_COUNCIL_LIST=$dir/one.txt measure -s bench/councils.lua "$base/form"
one_rps=$rps one_p99=$p99
line "one council alone ($cw workers and a scribe): form page $one_rps req/s, p99 ${one_p99} ms${non2xx:+, non-2xx $non2xx}"

# All of them.
for c in $names; do [ "$c" = "$first" ] || start "$c"; done
: > "$dir/all.txt"
for c in $names; do ready "$c"; echo "$c.bench.test $(cookie "$c")" >> "$dir/all.txt"; done
rest=$(for c in $names; do mem "$c"; done | awk '{r += $1; s += $2} END {printf "%.1f %.1f", r / NR / 1024, s / NR / 1024}')
BENCH_COUNCIL_LIST=$dir/one.txt measure -s bench/councils.lua "$base/form"
line "$n councils running, every request to the first: form page $rps req/s (ratio $(ratio "$rps" "$one_rps") of one council alone), p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"
BENCH_COUNCIL_LIST=$dir/all.txt measure -s bench/councils.lua "$base/form"
line "$n councils ($cw workers and a scribe each), each request to the next council: form pages $rps req/s (ratio $(ratio "$rps" "$one_rps") of one council alone), p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"
loaded=$(for c in $names; do mem "$c"; done | awk '{r += $1; s += $2; if ($1 > m) m = $1} END {printf "%.1f %.1f %.1f", r / NR / 1024, s / NR / 1024, m / 1024}')
set -- $rest $loaded
line "memory per council ($((cw + 2)) processes): at rest RSS $1 MB, PSS $2 MB; after the load RSS $3 MB, PSS $4 MB (largest RSS $5 MB)"
total=$(awk '/^MemTotal:/ {printf "%d", $2 / 1024}' /proc/meminfo)
line "  this box: $(nproc) cores, $total MB; $(awk -v t="$total" -v p="$4" 'BEGIN {printf "%d", (t - 1024) / p}') councils fit in its memory less 1 GB for the system and nginx, at the loaded PSS"

{ echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m) $(nproc) cores: many councils"; cat "$out"; echo; } >> bench/results.txt
