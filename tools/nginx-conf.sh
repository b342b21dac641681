#!/bin/sh
# Render the localhost nginx config: nginx-conf.sh RUNDIR PORT SOCKET
# Writes RUNDIR/nginx.conf and RUNDIR/locations.conf; makes RUNDIR/tmp.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
run=$1 port=$2 sock=$3
mkdir -p "$run/tmp"
subst() {
	sed -e "s|@ROOT@|$root|g" -e "s|@RUN@|$run|g" -e "s|@PORT@|$port|g" \
	    -e "s|@SOCKET@|$sock|g" -e "s|@USER@|$(id -un)|g" \
	    -e "s|@GROUP@|$(id -gn)|g" "$1"
}
subst "$root/nginx/locations.conf" > "$run/locations.conf"
subst "$root/nginx/local.conf.in" > "$run/nginx.conf"
