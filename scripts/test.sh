#!/usr/bin/env bash
# Set up everything the test suite needs, then run it: a virtual environment with the project and
# its test dependencies, the Debian tools the end-to-end tests check output with (ffprobe from
# ffmpeg, Chromium for the browser tests; redis-server and PostgreSQL, which the distributed tests
# start on ports and in folders of their own, never as system services; nginx and systemd-analyze,
# which check the deploy/ examples' syntax and start nothing) when they are missing,
# then ruff and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
fi
# The project is installed (not linked), as users get it; again only when its files have changed
# (following the links to web/ and voices/).
stamp=$(find -L audiobrief pyproject.toml -type f -not -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum | sha256sum)
if [ "$stamp" != "$(cat .venv/.installed 2>/dev/null)" ]; then
    .venv/bin/python -m pip install --quiet '.[test]'
    echo "$stamp" > .venv/.installed
fi

missing=()
command -v ffprobe >/dev/null || missing+=(ffmpeg)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v systemd-analyze >/dev/null || missing+=(systemd)
AXE=.cache/axe/node_modules/axe-core/axe.min.js
[ -f "$AXE" ] || command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing test tools: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "the tests need: ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi

# axe-core for the browser tests' accessibility checks, from the npm registry.
[ -f "$AXE" ] || npm install --silent --no-save --prefix .cache/axe axe-core@4 >/dev/null

.venv/bin/ruff check audiobrief tests bench
# Run from a neutral folder so the tests import the installed package, as users get it. Test files
# may be named from the project (tests/clean/test_x.py), from tests/ (clean/test_x.py) or by name
# alone (test_x.py); with none named, all of them run, on two workers (pytest-xdist, a test file to a
# worker) unless -n is given.
args=()
named=0
workers=(-n 2 --dist loadfile)
for arg in "$@"; do
    case "$arg" in
        -n|-n[0-9]*|--numprocesses*) workers=() ;;
        -*) ;;
        *)
            arg="${arg#tests/}"
            file="${arg%%::*}"
            if [ ! -e "tests/$file" ] && [ "$file" = "${file##*/}" ]; then
                found=$(cd tests && find . -name "$file" -not -path "./support/*" | sed 's|^\./||')
                [ "$(echo "$found" | grep -c .)" = 1 ] && arg="$found${arg#"$file"}"
            fi
            [ -e "tests/${arg%%::*}" ] && named=1
            ;;
    esac
    args+=("$arg")
done
if [ "$named" = 1 ]; then
    workers=()
else
    args+=(.)
fi
cd tests && ../.venv/bin/python -m pytest -p no:cacheprovider "${workers[@]}" "${args[@]}"
