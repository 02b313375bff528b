#!/bin/sh
# Screenshot of the HTML report of the sample network, for a look in a real browser.
#
# The CI does not install Chromium, so this is a documented script, not a test. It needs
# the Debian/Ubuntu package `chromium` (apt-get install -y chromium; for the zh-TW page
# also fonts-noto-cjk) and the project's virtualenv (.venv, see README.md).
#
# Usage, from anywhere:
#   benchmarks/screenshot_html.sh [LANG] [OUTPUT.png] [HEIGHT]
#     LANG     en (default) or zh-TW
#     OUTPUT   the PNG to write (default /tmp/report.png); the HTML goes next to it (.html)
#     HEIGHT   the window height in pixels (default 3000: header, summary and the top of the
#              checklist; the whole page is much taller, use e.g. 16000 to see more)
#
# What it does:
#   1. lints the sample network (fixtures/ with fixtures/policy.yaml) with --format html;
#      netlint exits 1 there (the sample network has high-severity findings planted in it),
#      which is expected and not an error of this script;
#   2. opens the page in headless Chromium with networking features off, every host name
#      unresolvable (--host-resolver-rules: had the page referenced anything remote, it
#      would show broken) and a throwaway profile, and writes a 1400-pixel-wide screenshot.
# The page must render fully offline: it is one self-contained file (inline CSS, inline
# SVG, no fonts, images or scripts from the network).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LANG_ARG=${1:-en}
PNG=${2:-/tmp/report.png}
HEIGHT=${3:-3000}
HTML=${PNG%.png}.html

BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$BROWSER" ]; then
    echo "screenshot_html.sh: no chromium found (apt-get install -y chromium)" >&2
    exit 2
fi

cd "$ROOT"
status=0
.venv/bin/netlint lint fixtures/ --policy fixtures/policy.yaml --lang "$LANG_ARG" --format html \
    --output "$HTML" --quiet || status=$?
if [ "$status" -gt 1 ]; then
    echo "screenshot_html.sh: netlint failed (exit $status)" >&2
    exit "$status"
fi

PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
"$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$PROFILE" --window-size=1400,"$HEIGHT" \
    --screenshot="$PNG" "file://$HTML" 2>/dev/null
echo "report: $HTML"
echo "screenshot: $PNG"
