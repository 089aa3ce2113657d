#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need beyond
# the Rust toolchain (Chromium, tmux), then runs every test target.
# Where the tools cannot be installed, CLAIMLINT_SKIP_BROWSER=1 and
# CLAIMLINT_SKIP_TMUX=1 make the tests that need them report as ignored
# (with that reason) instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo test --all-targets "$@"
