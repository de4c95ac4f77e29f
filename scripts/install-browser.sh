#!/usr/bin/env bash
# Installs Debian's Chromium (and ChromeDriver) for the dashboard's end-to-end browser test.
# Playwright drives /usr/bin/chromium through executable_path; it never downloads a browser.
# Called by scripts/test.sh; idempotent, and quick when Chromium is already there.
#
# What it does: nothing if /usr/bin/chromium and /usr/bin/chromedriver exist; otherwise
# `apt-get update` and `apt-get install chromium chromium-driver` (as root, or via sudo -n).
# If another apt/dpkg run holds the package lock (a shared machine), apt waits for it up to
# DPKG_LOCK_TIMEOUT seconds (default 600) instead of failing at once.
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
LOCK_WAIT="${DPKG_LOCK_TIMEOUT:-600}"
APT=($SUDO apt-get -o "DPkg::Lock::Timeout=${LOCK_WAIT}")
echo "install-browser: Chromium is missing; installing Debian's chromium and chromium-driver"
echo "install-browser: (apt-get update + install; waits up to ${LOCK_WAIT} s if another apt run holds the dpkg lock)"
"${APT[@]}" update -q >/dev/null
"${APT[@]}" install -y -q chromium chromium-driver >/dev/null
echo "install-browser: done: $(/usr/bin/chromium --version)"
