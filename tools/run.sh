#!/bin/sh
# `make run`: Heard on http://127.0.0.1:PORT with nginx in front.
# First use creates the key file, the database, a demo review and a
# demo link.  Ctrl-C or SIGTERM stops both servers cleanly.
set -eu
# Files made here (the demo links, logs) are the owner's alone.
umask 077
cd "$(dirname "$0")/.."
port=${1:-8080}
root=$(pwd)
run=$root/run
mkdir -p "$run" data
chmod 700 data
export HEARD_DB="${HEARD_DB:-$root/data/heard.db}"
export HEARD_KEY="${HEARD_KEY:-$root/data/heard.key}"
export HEARD_SOCKET="$run/heard.sock"
export HEARD_BASE_URL="http://127.0.0.1:$port"
export HEARD_TEMPLATES="$root/templates" HEARD_STATIC="$root/static"
export HEARD_AUDIO="$root/build/audio"

first=0
[ -f "$HEARD_DB" ] || first=1
build/heardctl init
if [ "$first" = 1 ]; then
	review=$(build/heardctl review add --child DEMO-1 --type cic \
	    --date "$(date -d '+3 weeks' +%Y-%m-%d)")
	build/heardctl issue --review "$review" --audience child \
	    --to "Demo child" > "$run/demo-link.txt"
	build/heardctl issue --review "$review" --audience parent \
	    --to "Demo parent" >> "$run/demo-link.txt"
fi

sh tools/nginx-conf.sh "$run" "$port" "$HEARD_SOCKET"
build/heard-fcgi &
fcgi=$!
# Litestream beside Heard (README "Continuous replication"): by default
# a replica in run/replica, metrics on PORT+1 for the sender's check;
# HEARD_REPLICA=none runs without.
export HEARD_REPLICA="${HEARD_REPLICA:-file://$run/replica}"
litestream=""
if [ "$HEARD_REPLICA" != none ]; then
	export HEARD_REPLICA_METRICS="${HEARD_REPLICA_METRICS:-127.0.0.1:$((port + 1))}"
	sh tools/litestream.sh "$run" >>"$run/litestream.log" 2>&1 &
	litestream=$!
else
	unset HEARD_REPLICA
fi
nginx -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf" &
ngx=$!
# The sender: what the production timer does, every 60 seconds.  With
# no HEARD_NOTIFY_KEY it sends nothing and says what would go.
(
	while sleep 60; do
		build/heardctl send >>"$run/send.log" 2>&1 || true
	done
) &
sender=$!
stop() {
	trap - INT TERM EXIT
	kill -TERM "$sender" "$ngx" "$fcgi" $litestream 2>/dev/null || true
	wait "$sender" "$ngx" "$fcgi" $litestream 2>/dev/null || true
	echo "Heard stopped."
	exit 0
}
trap stop INT TERM EXIT

i=0
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ "$i" -gt 50 ] || ! kill -0 "$fcgi" 2>/dev/null ||
	    ! kill -0 "$ngx" 2>/dev/null; then
		echo "Heard did not start: see the lines above." >&2
		exit 1
	fi
	sleep 0.1
done
cat <<TEXT

Heard is running on http://127.0.0.1:$port  (Ctrl-C stops it)

Demo links made on first run (shown once; kept in run/demo-link.txt):
$(sed 's/^/  /' "$run/demo-link.txt" 2>/dev/null)

Replica: ${HEARD_REPLICA:-none} (Litestream's log: run/litestream.log;
  README "Continuous replication")
Messages: build/heardctl send runs every minute (log: run/send.log);
  without HEARD_NOTIFY_KEY it sends nothing (README "Sending through GOV.UK Notify").

Staff sign-in: create a user first, then go to http://127.0.0.1:$port/admin
  build/heardctl user add YOURNAME --role admin   (type the password)
More: build/heardctl --help
TEXT
wait "$fcgi" "$ngx"
