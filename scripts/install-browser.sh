#!/usr/bin/env bash
# Installs Debian's Chromium (and ChromeDriver) for the dashboard's end-to-end browser test.
# Playwright drives /usr/bin/chromium through executable_path; it never downloads a browser.
# Called by scripts/test.sh; idempotent, and quick when Chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install Chromium so that /usr/bin/chromium exists" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "install-browser: need root (or sudo) to apt-get install chromium" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing Debian chromium and chromium-driver ..."
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q chromium chromium-driver >/dev/null
/usr/bin/chromium --version
