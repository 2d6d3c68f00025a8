#!/usr/bin/env python3
"""Builds a tarball in the layout of the official aclImdb_v1.tar.gz from the staged IMDB files.

Usage: make-aclimdb-tarball.py IMDB_DIR OUTPUT.tar.gz

IMDB_DIR holds aclImdb_train.tsv.gz, aclImdb_test.tsv.gz and imdb.vocab.gz (and optionally aclImdb_README.txt), as in
../shared/data/imdb. The output holds aclImdb/{train,test}/{neg,pos}/<id>_<rating>.txt with each review's raw bytes and
aclImdb/imdb.vocab, so that a local mirror can serve it to `data fetch`, which converts it back to the same TSV content.
The labelled reviews and the vocabulary are all it holds (no unsup/ reviews, no .feat files), so its SHA-256 differs
from the official tarball's; `data fetch` accepts it because the content it yields matches the pinned digests.
The output is byte-for-byte reproducible (fixed mtimes, owners and gzip header). Standard library only.
"""

import gzip
import io
import os
import sys
import tarfile

HEADER = b"label\trating\tid\ttext\n"
# 2011-06-01T00:00:00Z: any fixed time makes the tarball reproducible; this one is near the release.
MTIME = 1306886400


def reviews(path):
    """Yields (label, rating, id, text bytes) from a staged TSV, checking the format as the C# reader does."""
    with gzip.open(path, "rb") as tsv:
        if tsv.readline() != HEADER:
            sys.exit(f"{path}: line 1 is not the header label<TAB>rating<TAB>id<TAB>text")
        for number, line in enumerate(tsv, start=2):
            if not line.endswith(b"\n"):
                sys.exit(f"{path}: line {number} has no final newline")
            fields = line[:-1].split(b"\t", 3)
            if len(fields) != 4:
                sys.exit(f"{path}: line {number} has {len(fields)} fields, expected 4")
            label, rating, review_id = int(fields[0]), int(fields[1]), int(fields[2])
            if label not in (0, 1) or not (1 <= rating <= 4 if label == 0 else 7 <= rating <= 10):
                sys.exit(f"{path}: line {number}: rating {rating} is impossible for label {label}")
            fields[3].decode("utf-8", errors="strict")
            yield label, rating, review_id, fields[3]


def add(tar, name, data=None):
    info = tarfile.TarInfo(name)
    info.mtime = MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if data is None:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        tar.addfile(info)
    else:
        info.mode = 0o644
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    imdb, output = sys.argv[1], sys.argv[2]
    partial = output + ".part"
    with open(partial, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        add(tar, "aclImdb/")
        readme = os.path.join(imdb, "aclImdb_README.txt")
        if os.path.exists(readme):
            with open(readme, "rb") as f:
                add(tar, "aclImdb/README", f.read())
        with gzip.open(os.path.join(imdb, "imdb.vocab.gz"), "rb") as f:
            add(tar, "aclImdb/imdb.vocab", f.read())
        for split in ("train", "test"):
            add(tar, f"aclImdb/{split}/")
            folders = {0: f"aclImdb/{split}/neg/", 1: f"aclImdb/{split}/pos/"}
            for folder in folders.values():
                add(tar, folder)
            count = 0
            for label, rating, review_id, text in reviews(os.path.join(imdb, f"aclImdb_{split}.tsv.gz")):
                add(tar, f"{folders[label]}{review_id}_{rating}.txt", text)
                count += 1
            print(f"{split}: {count} reviews", file=sys.stderr)
    os.replace(partial, output)
    print(f"wrote {output} ({os.path.getsize(output)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
