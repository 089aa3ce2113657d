#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need beyond
# the Rust toolchain (Chromium, tmux), then runs every test target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo test --all-targets "$@"
