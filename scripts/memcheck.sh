#!/usr/bin/env bash
# valgrind memcheck over every op family, sync and async (test/memory/repeat-calls.mjs). Fails on
# any memory error, and any definite or possible leak, whose stack passes through poolnd. Node's
# and V8's own reports (V8 scans stacks conservatively, which memcheck sees as reads of
# uninitialised memory) are not ours: they are counted, not failed on.
# Usage: bash scripts/memcheck.sh [calls per mode, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-2000}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "memcheck needs valgrind (apt-get install valgrind)" >&2
  exit 1
fi
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

failed=0
for mode in sync async; do
  log="$logs/$mode.log"
  valgrind --leak-check=full --show-leak-kinds=definite,possible --num-callers=40 --log-file="$log" \
    node --expose-gc test/memory/repeat-calls.mjs "$mode" "$calls" >/dev/null
  # Records are separated by an empty "==pid== " line; keep the errors and leaks, and of them
  # the ones with a poolnd frame.
  read -r ours theirs < <(awk '
    /^==[0-9]+== $/ { flush(); next }
    { record = record $0 "\n" }
    function flush() {
      if (record ~ /(Invalid (read|write|free)|uninitialised|Mismatched free|overlap|Syscall param|definitely lost in|possibly lost in)/) {
        if (record ~ /poolnd/) { ours++; printf "%s\n", record > "/dev/stderr" } else theirs++
      }
      record = ""
    }
    END { flush(); print ours + 0, theirs + 0 }
  ' "$log")
  summary=$(grep -E "ERROR SUMMARY|definitely lost:|possibly lost:" "$log" | sed 's/^==[0-9]*== *//' | paste -sd ';' -)
  echo "memcheck $mode, $calls calls: $ours report(s) through poolnd, $theirs from Node/V8 alone ($summary)"
  if ((ours > 0)); then failed=1; fi
done
exit "$failed"
