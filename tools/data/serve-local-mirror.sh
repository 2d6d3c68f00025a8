#!/usr/bin/env bash
# Serves the data files on http://127.0.0.1:PORT/ the way the official mirrors name them, for a `data fetch` without
# internet access or without ../shared beside the clone:
#   tools/data/serve-local-mirror.sh ../shared/data 8765 &
#   VERIFICATION_DATA_MIRRORS=http://127.0.0.1:8765 dotnet run --project src/Audit -c Release -- data fetch
# It links the four MNIST .gz files and builds an aclImdb_v1.tar.gz-layout tarball from the staged IMDB files
# (tools/data/make-aclimdb-tarball.py) in a temporary folder, serves it with python3's http.server until stopped,
# then deletes the folder. python3's http.server ignores Range requests; the downloader then restarts a cut file.
set -euo pipefail
usage="usage: $0 SHARED_DATA_DIR PORT"
shared=${1:?$usage}
port=${2:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
for f in mnist/train-images-idx3-ubyte.gz mnist/train-labels-idx1-ubyte.gz mnist/t10k-images-idx3-ubyte.gz mnist/t10k-labels-idx1-ubyte.gz \
         imdb/aclImdb_train.tsv.gz imdb/aclImdb_test.tsv.gz imdb/imdb.vocab.gz; do
  [[ -f "$shared/$f" ]] || { echo "$shared/$f is missing" >&2; exit 1; }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/optaudit-mirror.XXXXXX")
server=
# `|| true`: under set -e a failing kill (the server already gone) would end the trap before the folder is removed.
cleanup() { if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ln -s "$(cd "$shared/mnist" && pwd)"/*-ubyte.gz "$dir/"
/usr/bin/python3 "$here/make-aclimdb-tarball.py" "$shared/imdb" "$dir/aclImdb_v1.tar.gz"
echo "serving $dir on http://127.0.0.1:$port/ (set VERIFICATION_DATA_MIRRORS=http://127.0.0.1:$port)" >&2
/usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" &
server=$!
wait "$server"
