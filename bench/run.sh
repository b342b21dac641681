#!/bin/sh
# `make bench`: Heard against the FastCGI limit on this machine, in one
# run.  Every figure is printed as an absolute number and as a ratio to
# its yardstick, and appended to bench/results.txt.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
dir=$root/build/bench
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=2
workers=${BENCH_WORKERS:-$(nproc)}
rm -rf "$dir"
mkdir -p "$dir/run"
export HEARD_DB=$dir/heard.db HEARD_KEY=$dir/heard.key
export HEARD_SOCKET=$dir/run/heard.sock HEARD_WORKERS=$workers
export HEARD_TEMPLATES=$root/templates HEARD_STATIC=$root/static
export BENCH_THREADS=$threads

cc -O2 -o "$dir/hello" bench/hello.c -lfcgi
cc -O2 -o "$dir/commit" bench/commit.c -lsqlite3
cc -O2 -std=c17 -D_GNU_SOURCE -Icgi -o "$dir/prep" bench/prep.c cgi/crypto.c \
    cgi/buf.c -lsqlite3 -lsodium
cc -O2 -std=c17 -D_GNU_SOURCE -Icgi -o "$dir/send" bench/send.c $CORE_OBJS $LIBS

echo "bench: seeding ten years (100,000 reviews, 1,000,000 consultations)..."
build/heardctl init >/dev/null
t0=$(date +%s)
sqlite3 "$HEARD_DB" < bench/seed.sql
"$dir/prep" "$HEARD_DB" "$HEARD_KEY" 80000 "$dir/visits.txt" "$dir/session.txt"
echo "bench: seeded in $(( $(date +%s) - t0 ))s"
export BENCH_VISITS=$dir/visits.txt
cookie=$(head -n 1 "$dir/visits.txt" | cut -d' ' -f1)
staff=$(cat "$dir/session.txt")

# The production nginx pieces, with rate limits lifted (wrk is one
# address) and /hello sent to the yardstick responder.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sh tools/nginx-conf.sh "$dir/run" "$port" "$HEARD_SOCKET"
sed -i '/limit_req /d' "$dir/run/locations.conf"
sed -i "s|^location / {|location = /hello {\n\tinclude $root/nginx/fastcgi.conf;\n\tfastcgi_pass unix:$dir/run/hello.sock;\n}\nlocation / {|" "$dir/run/locations.conf"
sed -i 's/worker_processes 1;/worker_processes auto;/' "$dir/run/nginx.conf"

build/heard-fcgi 2>"$dir/fcgi.log" &
fcgi=$!
nginx -p "$dir/run" -e "$dir/run/nginx-error.log" -c "$dir/run/nginx.conf" &
ngx=$!
hello_pid=""
trap 'kill $fcgi $ngx $hello_pid 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
base=http://127.0.0.1:$port
until curl -fs "$base/healthz" >/dev/null; do sleep 0.1; done

page_bytes=$(curl -s -H "Cookie: __Host-heard-visit=$cookie" "$base/form" | wc -c)
report_bytes=$(curl -s -H "Cookie: __Host-heard-staff=$staff" \
    "$base/admin/reports?from=2025-04-01&to=2026-03-31" | wc -c)
"$dir/hello" "$dir/run/hello.sock" "$page_bytes" "$workers" &
hello_pid=$!
sleep 0.3

# wrk: requests/s and p99 (ms) of one run.
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

measure "$base/hello"
hello_rps=$rps hello_p99=$p99
line "yardstick: minimal libfcgi responder, $page_bytes bytes: $hello_rps req/s, p99 ${hello_p99} ms"

measure -H "Cookie: __Host-heard-visit=$cookie" "$base/form"
line "form page: $rps req/s (ratio $(ratio "$rps" "$hello_rps"), target 0.6), p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"

commit_rate=$("$dir/commit" "$dir/commit.db" 5)
line "yardstick: durable single-row SQLite commits on this disk: $commit_rate/s"
measure -s bench/post.lua "$base/form"
line "sending a form: $rps req/s (ratio $(ratio "$rps" "$commit_rate") of durable commits, target 0.5; $(ratio "$rps" "$hello_rps") of the responder), p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"
sent=$(sqlite3 "$HEARD_DB" "SELECT count(*) FROM response")
line "  ($sent answers stored, sealed, synchronous=FULL)"
# The same send with no HTTP and no second worker, on opened
# consultations wrk did not reach: the ceiling the transaction sets.
sqlite3 "$HEARD_DB" "SELECT id FROM consultation WHERE audience =
    'feedback_attendee' AND returned_at IS NULL ORDER BY id DESC LIMIT 30000" \
    > "$dir/ids.txt"
own=$("$dir/send" "$HEARD_DB" "$HEARD_KEY" "$secs" < "$dir/ids.txt")
line "  Heard's send transaction alone (one process, no HTTP): $own/s ($(ratio "$own" "$commit_rate") of durable commits); sending is $(ratio "$rps" "$own") of it"

measure -H "Cookie: __Host-heard-staff=$staff" "$base/admin/reports?from=2025-04-01&to=2026-03-31"
line "return-rate report page, one financial year ($report_bytes bytes): $rps req/s (ratio $(ratio "$rps" "$hello_rps"), target 0.3), p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"

# Opening a link: every message sent is a link opened, often in bursts
# (email scanners open them too); each open swaps the token for a visit
# cookie in a write, and first purges expired visits.
visits=$(sqlite3 "$HEARD_DB" "SELECT count(*) FROM visit")
measure -s bench/open.lua "$base/"
line "opening a link (GET /c/TOKEN, $visits visits stored): $rps req/s (ratio $(ratio "$rps" "$hello_rps"), target 0.3), p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"

# The chase list (issue 14 item 6): eight weeks of a large authority's
# reviews, some 10,000 consultations not yet back, the first 200 shown.
# It is an admin's page: the bench's manager becomes an admin.  Its page
# is far larger than the form page, so it is also set beside the
# responder serving as many bytes (the first yardstick serves the form
# page's size).
sqlite3 "$HEARD_DB" "UPDATE staff SET role = 'admin' WHERE username = 'benchboss'"
chase="$base/admin/chase?from=2026-01-05&to=2026-03-01"
chase_bytes=$(curl -s -H "Cookie: __Host-heard-staff=$staff" "$chase" | wc -c)
chase_rows=$(curl -s -H "Cookie: __Host-heard-staff=$staff" "$chase" | grep -c '<tr id="c-')
chase_ms=$(printf ".timer on\nSELECT count(*) FROM review r JOIN consultation c ON c.review_id = r.id WHERE r.review_date BETWEEN '2026-01-05' AND '2026-03-01' AND r.status NOT IN ('cancelled', 'stood_down') AND c.returned_at IS NULL AND c.withdrawn_at IS NULL;\n" | sqlite3 "$HEARD_DB" 2>&1 | awk '/Run Time/ {t = $4 * 1000} !/Run Time/ {n = $1} END {printf "%.0f ms over %s consultations", t, n}')
measure -H "Cookie: __Host-heard-staff=$staff" "$chase"
chase_rps=$rps chase_p99=$p99 chase_non2xx=$non2xx
kill $hello_pid 2>/dev/null; wait $hello_pid 2>/dev/null || true
"$dir/hello" "$dir/run/hello.sock" "$chase_bytes" "$workers" &
hello_pid=$!
sleep 0.3
measure "$base/hello"
line "chase list, eight weeks of the ten years ($chase_rows rows shown, $chase_bytes bytes; its filter alone $chase_ms): $chase_rps req/s (ratio $(ratio "$chase_rps" "$hello_rps") of the responder, target 0.3; $(ratio "$chase_rps" "$rps") of the responder serving $chase_bytes bytes, $rps req/s), p99 ${chase_p99} ms${chase_non2xx:+, non-2xx $chase_non2xx}"

rss=$(ps -o rss= --ppid "$fcgi" | sort -n | tail -n 1)
line "resident memory per worker after the run: $((rss / 1024)) MB (largest of $workers workers and the scribe; target under 16 MB)"

ms_of() { s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
bare=$(ms_of sqlite3 "$HEARD_DB" "SELECT count(*) FROM consultation")
for by in audience month; do
	t=$(ms_of build/heardctl report --from 2016-04-01 --to 2026-03-31 --by $by --format csv)
	line "heardctl report, ten years by $by: $t ms (ratio $(ratio "$t" "$bare") to a bare count of $bare ms, target under 10)"
done

line "$(python3 bench/sender.py "${BENCH_MESSAGES:-500}")"
line "$(sh bench/restore.sh "$dir")"

{ echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m) $(nproc) cores"; cat "$out"; echo; } >> bench/results.txt

# Many councils on one box (issue 18 item 4): its own instances, same run.
sh bench/councils.sh
