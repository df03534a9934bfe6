#!/usr/bin/env bash
# Groups the crashes of a fuzz target by panic message, with the smallest input of each.
# Usage: scripts/triage.sh TARGET [ARTIFACT_DIR]   (after `cargo fuzz build --sanitizer none`)
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
dir=${2:-artifacts/$target}
bin=target/x86_64-unknown-linux-gnu/release/$target
[ -x "$bin" ] || { echo "build first: cargo fuzz build --sanitizer none $target" >&2; exit 1; }
declare -A smallest
for file in "$dir"/*; do
    [ -f "$file" ] || continue
    # The panic message without numbers, so one defect is one group.
    message=$(timeout 20 "$bin" "$file" 2>&1 | grep -A1 "panicked at" | tail -n1 | sed 's/[0-9]\+/N/g' || true)
    [ -n "$message" ] || message="(no panic: timeout, or fixed)"
    size=$(stat -c %s "$file")
    best=${smallest[$message]:-}
    if [ -z "$best" ] || [ "$size" -lt "$(stat -c %s "$best")" ]; then
        smallest[$message]=$file
    fi
done
for message in "${!smallest[@]}"; do
    echo "$message"
    echo "    smallest: ${smallest[$message]} ($(stat -c %s "${smallest[$message]}") bytes)"
done
