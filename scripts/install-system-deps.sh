#!/usr/bin/env bash
# Installs Debian's PostgreSQL server so the store tests can run against a real server.
# Where that is impossible (no root, no apt), the PostgreSQL tests skip with a reason.
set -u
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; then
    echo "system-deps: PostgreSQL server binaries present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "system-deps: cannot install PostgreSQL (not root or no apt-get); PostgreSQL tests will skip"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
if apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1; then
    echo "system-deps: installed PostgreSQL"
else
    echo "system-deps: apt-get install postgresql failed; PostgreSQL tests will skip"
fi
exit 0
