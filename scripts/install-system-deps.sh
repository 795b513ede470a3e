#!/usr/bin/env bash
# Installs the Debian packages the tests drive for real: PostgreSQL (store tests) and Chromium
# (browser tests through Playwright). Where that is impossible (no root, no apt), the tests that
# need them skip with a reason; this script never fails the build.
set -u
need=()
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
    need+=(postgresql)
fi
if ! command -v chromium >/dev/null; then
    need+=(chromium)
fi
if [ ${#need[@]} -eq 0 ]; then
    echo "system-deps: PostgreSQL and Chromium present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "system-deps: cannot install ${need[*]} (not root or no apt-get); their tests will skip"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
for pkg in "${need[@]}"; do
    if apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
        echo "system-deps: installed $pkg"
    else
        echo "system-deps: apt-get install $pkg failed; its tests will skip"
    fi
done
exit 0
