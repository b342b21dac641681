#!/bin/sh
# Install what Heard needs to build, run and test, and only what is
# missing.  Debian packages through apt-get; the browser-test libraries
# through npm from package-lock.json.  Says what it does.
set -eu
cd "$(dirname "$0")/.."

missing=""
need() {	# need PACKAGE TEST-PATH-OR-COMMAND
	case "$2" in
	/*) [ -e "$2" ] || missing="$missing $1" ;;
	*) command -v "$2" >/dev/null 2>&1 || missing="$missing $1" ;;
	esac
}
need libfcgi-dev /usr/include/fcgiapp.h
need libsqlite3-dev /usr/include/sqlite3.h
need libsodium-dev /usr/include/sodium.h
need libcurl4-openssl-dev /usr/bin/curl-config
need libjansson-dev /usr/include/jansson.h
need libqrencode-dev /usr/include/qrencode.h
need libjpeg-dev /usr/include/jpeglib.h
need libpng-dev /usr/include/png.h
need nginx nginx
need sqlite3 sqlite3
need wrk wrk
need chromium chromium
need fonts-noto-core /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf
need zbar-tools zbarimg
need clang clang
need libclang-rt-14-dev /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
need python3 python3
need python3-jwt /usr/lib/python3/dist-packages/jwt/__init__.py
need nodejs node
need npm npm
need curl curl
need gcc cc
need make make
need procps ps
need systemd systemd-analyze
need openssl openssl
need espeak-ng espeak-ng
need sox sox
need libsox-fmt-base /usr/lib/x86_64-linux-gnu/sox/libsox_fmt_vorbis.so
need openssh-server /usr/sbin/sshd
need openssh-client ssh-keygen

if [ -n "$missing" ]; then
	echo "deps: installing Debian packages:$missing"
	if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing
else
	echo "deps: Debian packages are all here"
fi

# The browser tests' libraries (playwright-core drives Debian's chromium;
# it never downloads a browser of its own) and Litestream's binary
# (@flydotio/litestream-linux-x64, pinned: README "Continuous replication").
if [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "deps: installing npm packages from package-lock.json"
	npm ci --no-audit --no-fund --loglevel=error
else
	echo "deps: npm packages are all here"
fi
