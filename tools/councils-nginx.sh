#!/bin/sh
# Render nginx for many councils on one service (README "Many councils
# on one service"): one server block per council, chosen by host name,
# and a default server that refuses every other host (444: nginx closes
# the connection without an answer), so no council is ever a fallback.
#
#   councils-nginx.sh local RUNDIR PORT LIST     (make's tests and bench)
#   councils-nginx.sh production OUTDIR LIST     (/etc/nginx pieces)
#
# LIST holds one council a line, `NAME HOST [SOCKET]` (# starts a
# comment).  NAME is the instance (heard@NAME.service, /var/lib/heard/
# NAME); SOCKET defaults to /run/heard/NAME/heard.sock, the one
# `heard-fcgi --instance NAME` makes.  Each council gets its own
# locations-NAME.conf, rendered from nginx/locations.conf with its socket.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "councils-nginx.sh: $*" >&2; exit 2; }
[ $# -ge 3 ] || die "usage: councils-nginx.sh local RUNDIR PORT LIST | production OUTDIR LIST"
mode=$1
case $mode in
local) [ $# -eq 4 ] || die "usage: councils-nginx.sh local RUNDIR PORT LIST"
	out=$2 port=$3 list=$4 srv=$root ;;
production) [ $# -eq 3 ] || die "usage: councils-nginx.sh production OUTDIR LIST"
	out=$2 port=443 list=$3 srv=/srv/heard ;;
*) die "the first word is local or production, not $mode" ;;
esac
[ -r "$list" ] || die "$list: cannot read the list of councils"
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The councils, checked first: a bad line names its line number.
councils=$(awk -v f="$list" '
	{ sub(/#.*/, "") }
	NF == 0 { next }
	NF < 2 || NF > 3 { printf "%s:%d: want NAME HOST [SOCKET]\n", f, NR > "/dev/stderr"; bad = 1; next }
	$1 !~ /^[a-z][a-z0-9-]*$/ || length($1) > 40 { printf "%s:%d: %s is not an instance name (a-z, 0-9, -)\n", f, NR, $1 > "/dev/stderr"; bad = 1; next }
	$2 !~ /^[A-Za-z0-9.-]+$/ { printf "%s:%d: %s is not a host name\n", f, NR, $2 > "/dev/stderr"; bad = 1; next }
	seen[$1]++ || seenh[$2]++ { printf "%s:%d: %s or %s is listed twice\n", f, NR, $1, $2 > "/dev/stderr"; bad = 1; next }
	{ print $1, $2, (NF == 3 ? $3 : "/run/heard/" $1 "/heard.sock") }
	END { exit bad }' "$list") || exit 2
[ -n "$councils" ] || die "$list: no councils listed"

# locations-NAME.conf: the shared locations with this council's socket.
echo "$councils" | while read -r name host sock; do
	sed -e "s|@ROOT@|$srv|g" -e "s|@SOCKET@|$sock|g" \
	    "$root/nginx/locations.conf" > "$out/locations-$name.conf"
done

if [ "$mode" = production ]; then
	# heard-councils.conf for /etc/nginx/sites-available: TLS per host.
	{
	echo "# Heard: one server block per council, from $list."
	echo "# Include $srv/nginx/common.conf once in the http block."
	echo "server {"
	echo "	listen 80 default_server;"
	echo "	listen [::]:80 default_server;"
	echo "	server_name _;"
	echo "	return 444;"
	echo "	access_log off;"
	echo "}"
	echo "server {"
	echo "	listen 443 ssl default_server;"
	echo "	listen [::]:443 ssl default_server;"
	echo "	server_name _;"
	echo "	ssl_reject_handshake on;"
	echo "	access_log off;"
	echo "}"
	echo "$councils" | while read -r name host sock; do
		cat <<EOB
# Council: $name
server {
	listen 80;
	listen [::]:80;
	server_name $host;
	return 301 https://\$host\$request_uri;
	access_log off;
}
server {
	listen 443 ssl http2;
	listen [::]:443 ssl http2;
	server_name $host;
	ssl_certificate /etc/letsencrypt/live/$host/fullchain.pem;
	ssl_certificate_key /etc/letsencrypt/live/$host/privkey.pem;
	ssl_protocols TLSv1.2 TLSv1.3;
	ssl_prefer_server_ciphers off;
	ssl_session_timeout 1d;
	ssl_session_cache shared:heard_tls:10m;
	ssl_session_tickets off;
	add_header Cache-Control no-store always;
	include $srv/nginx/headers.conf;
	access_log /var/log/nginx/heard-$name-access.log heard;
	error_log /var/log/nginx/heard-$name-error.log alert;
	include $out/locations-$name.conf;
}
EOB
	done
	} > "$out/heard-councils.conf"
	exit 0
fi

# local: a whole nginx.conf that runs as you, everything under RUNDIR.
mkdir -p "$out/tmp"
{
cat <<EOB
# nginx for many councils, rendered by tools/councils-nginx.sh from $list.
user $(id -un) $(id -gn);
worker_processes 1;
pid $out/nginx.pid;
error_log $out/nginx-error.log alert;
daemon off;
events { worker_connections 1024; }
http {
	types {
		text/html html;
		text/css css;
		image/svg+xml svg;
		application/javascript js;
		image/png png;
		image/x-icon ico;
	}
	default_type application/octet-stream;
	client_body_temp_path $out/tmp/body;
	proxy_temp_path $out/tmp/proxy;
	fastcgi_temp_path $out/tmp/fastcgi;
	uwsgi_temp_path $out/tmp/uwsgi;
	scgi_temp_path $out/tmp/scgi;
	include $root/nginx/common.conf;
	access_log $out/nginx-access.log heard;
	# Any host not listed: closed without an answer.
	server {
		listen 127.0.0.1:$port default_server;
		server_name _;
		return 444;
	}
EOB
echo "$councils" | while read -r name host sock; do
	cat <<EOB
	server {
		listen 127.0.0.1:$port;
		server_name $host;
		add_header Cache-Control no-store always;
		include $root/nginx/headers.conf;
		include $out/locations-$name.conf;
	}
EOB
done
echo "}"
} > "$out/nginx.conf"
