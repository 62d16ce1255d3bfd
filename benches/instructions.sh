#!/usr/bin/env bash
# Instructions per countdown frame, counted by callgrind: unlike CPU time, the same for the
# same binary and screen whatever else the machine is doing, so a change's effect on a
# frame's cost can be compared exactly. Needs valgrind and tmux.
#
#   bash benches/instructions.sh [binary] [columns] [rows]
#
# Starts the built-in agenda in a tmux window, starts the first member's turn, then counts
# the instructions of SECONDS (default 20) one-second frames and prints the total, the cost
# per frame and the functions that take most of it.
# ROOM=1 counts a room display's frames instead: the controller runs plainly and
# `forumtimer show` (same size, same temp XDG_RUNTIME_DIR) runs under callgrind beside it.
set -euo pipefail
binary=${1:-target/release/forumtimer}
columns=${2:-120}
rows=${3:-40}
seconds=${SECONDS_COUNTED:-20}
binary=$(realpath "$binary")
work=$(mktemp -d)
session="forumtimer-instructions-$$"
# The timer saves its state as it quits: give it a moment before the directory goes.
trap 'tmux kill-session -t "$session" 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT
env="XDG_STATE_HOME='$work/state' XDG_RUNTIME_DIR='$work/run'"
mkdir -m 700 "$work/run"
if [ "${ROOM:-0}" = 1 ]; then
  tmux new-session -d -s "$session" -x "$columns" -y "$rows" "cd '$work' && $env '$binary' run"
  sleep 2
else
  tmux new-session -d -s "$session" -x "$columns" -y "$rows" \
    "cd '$work' && $env valgrind --tool=callgrind '$binary' run 2>'$work/valgrind.log'"
  sleep 5
fi
tmux send-keys -t "$session" Enter
sleep 1
tmux send-keys -t "$session" n
sleep 3
if [ "${ROOM:-0}" = 1 ]; then
  tmux new-window -t "$session" \
    "cd '$work' && $env valgrind --tool=callgrind '$binary' show 2>'$work/valgrind.log'"
  sleep 5
fi
pid=$(grep -o '^==[0-9]*==' "$work/valgrind.log" | head -1 | tr -d '=')
callgrind_control -z "$pid" >/dev/null
sleep "$seconds"
callgrind_control -d "$pid" >/dev/null
sleep 1
dump=$(ls -t "$work"/callgrind.out.*.* | head -1)
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "binary   $binary"
echo "screen   ${columns}x${rows}, first member's turn, ${seconds} s counted$([ "${ROOM:-0}" = 1 ] && echo ', room display')"
echo "total    $total instructions"
echo "frame    $((total / seconds)) instructions per one-second frame"
echo
callgrind_annotate --inclusive=yes "$dump" 2>/dev/null \
  | grep -E '^ *[0-9,]+ \(' | grep -v -E 'PROGRAM TOTALS|libc-start|below main|lang_start|rust_begin_short|::main |0x0000' \
  | head -"${TOP:-20}" | sed -E 's/ \[[^]]*\]$//' | cut -c1-130
