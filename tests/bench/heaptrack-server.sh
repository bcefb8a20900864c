#!/bin/bash
# Runs a language server under heaptrack's preload library, for
# dockpath_lsp_bench --server "NAME=tests/bench/heaptrack-server.sh COMMAND".
#
# The heaptrack script prints its messages to stdout, which carries the
# protocol, so this script starts heaptrack_interpret and the preload
# library itself and leaves stdout to the server. Each server process
# writes ${HEAPTRACK_OUT:-/tmp/heaptrack-server}.PID.gz; read it with
# heaptrack_print. The benchmark first runs this script with only
# "--version", which prints the script's name; a server command with
# "--version" runs untraced.
#
# The paths are those of Debian 12's heaptrack 1.4.0 package; set
# HEAPTRACK_LIB to the folder of libheaptrack_preload.so elsewhere.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: $0 SERVER [ARGUMENT]..." >&2
  exit 2
fi
if [ "$1" = --version ]; then
  echo "heaptrack-server.sh"
  exit 0
fi
for argument in "$@"; do
  [ "$argument" = --version ] && exec "$@"
done

lib=${HEAPTRACK_LIB:-/usr/lib/heaptrack}
output=${HEAPTRACK_OUT:-/tmp/heaptrack-server}.$$
fifo=$(mktemp -u /tmp/heaptrack-fifo.XXXXXX)
mkfifo "$fifo" || exit 1
"$lib/libexec/heaptrack_interpret" < "$fifo" | gzip -c > "$output.gz" &
LD_PRELOAD="$lib/libheaptrack_preload.so" DUMP_HEAPTRACK_OUTPUT="$fifo" "$@"
status=$?
wait
rm -f "$fifo"
exit "$status"
