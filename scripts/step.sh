#!/usr/bin/env bash
# Run one harness step with its output in a log file; print one line when
# it starts and one when it ends (elapsed time, log).  On failure print the
# log's last lines and the one-line reason.
# Usage: step.sh NAME LOG COMMAND [ARGS...]
set -euo pipefail

name=$1
log=$2
shift 2
mkdir -p "$(dirname "$log")"
start=$(date +%s)
printf '[%(%H:%M:%S)T] %-8s ...  (log: %s)\n' -1 "$name" "$log"
if "$@" >"$log" 2>&1; then
	printf '[%(%H:%M:%S)T] %-8s done in %ds\n' -1 "$name" $(($(date +%s) - start))
else
	rc=$?
	tail -n "${STEP_TAIL:-30}" "$log" | sed 's/^/    | /'
	printf '[%(%H:%M:%S)T] %-8s FAILED (exit %d) after %ds: read %s\n' -1 "$name" "$rc" $(($(date +%s) - start)) "$log"
	exit "$rc"
fi
