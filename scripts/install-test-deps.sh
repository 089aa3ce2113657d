#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain: Chromium (the HTML
# report is rendered headless and screenshotted) and tmux (the interactive
# review is driven through a real terminal). Idempotent: installs only what
# is missing. Called by .ci/run before the tests.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "install-test-deps: $tool is still missing" >&2; exit 1; }
done
