#!/bin/sh
# Litestream beside Heard, for one database (one council's instance):
# write Litestream's configuration from Heard's settings, then run
# `litestream replicate` on it (exec, so stopping this stops Litestream).
#
#   tools/litestream.sh RUNDIR     writes RUNDIR/litestream.yml and runs
#   tools/litestream.sh --config   prints the configuration and stops
#
# Settings (README "Continuous replication"):
#   HEARD_DB                the database (required)
#   HEARD_REPLICA           the replica URL: file:///PATH,
#                           sftp://USER@HOST[:PORT]/PATH or s3://BUCKET/PATH
#   HEARD_REPLICA_KEY       the SSH private key of an sftp:// replica
#   HEARD_REPLICA_METRICS   host:port for Litestream's metrics, which
#                           `heardctl send` reads to see the replica fall
#                           behind (optional)
#   HEARD_REPLICA_INTERVAL  how often the WAL is shipped (default 1s)
#   HEARD_LITESTREAM        the program (default: the one `make deps`
#                           installs from npm, else litestream on PATH)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
: "${HEARD_DB:?HEARD_DB: the database to replicate}"
: "${HEARD_REPLICA:?HEARD_REPLICA: the replica URL}"
interval=${HEARD_REPLICA_INTERVAL:-1s}
ls=${HEARD_LITESTREAM:-$here/node_modules/@flydotio/litestream-linux-x64/litestream}
[ -x "$ls" ] || ls=$(command -v litestream || echo litestream)

# Quoted YAML strings: refuse what would break out of them.
for v in "$HEARD_DB" "$HEARD_REPLICA" "${HEARD_REPLICA_KEY:-}" \
    "${HEARD_REPLICA_METRICS:-}" "$interval"; do
	case $v in *'"'* | *'\'*) echo "litestream.sh: no quotes or backslashes in settings" >&2; exit 2 ;; esac
done
case $HEARD_REPLICA in
file:///* | sftp://* | s3://*) ;;
*) echo "litestream.sh: HEARD_REPLICA=$HEARD_REPLICA: give file:///PATH, sftp://USER@HOST/PATH or s3://BUCKET/PATH" >&2; exit 2 ;;
esac

config() {
	if [ -n "${HEARD_REPLICA_METRICS:-}" ]; then
		echo "addr: \"$HEARD_REPLICA_METRICS\""
	fi
	echo "dbs:"
	echo "  - path: \"$HEARD_DB\""
	echo "    replicas:"
	echo "      - url: \"$HEARD_REPLICA\""
	echo "        sync-interval: \"$interval\""
	if [ -n "${HEARD_REPLICA_KEY:-}" ]; then
		echo "        key-path: \"$HEARD_REPLICA_KEY\""
	fi
}

if [ "${1:-}" = --config ]; then
	config
	exit 0
fi
run=${1:?usage: litestream.sh RUNDIR | --config}
umask 077
config > "$run/litestream.yml"
exec "$ls" replicate -no-expand-env -config "$run/litestream.yml"
