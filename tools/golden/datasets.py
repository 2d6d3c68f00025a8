"""The data of the mnist_logistic and imdb_logistic golden problems, read from ../shared/data (never committed).

Written from docs/golden-format.md section 3.1 and docs/convex.md with the standard library only (gzip, hashlib,
unicodedata): IDX parsing for MNIST, the staged TSV and the official vocabulary for IMDB, and a re-implementation of
src/Convex's ImdbTokenizer and bag-of-words features. Every file is checked against the SHA-256 of its decompressed
content that the golden header declares, and the selected subset (and, for IMDB, the feature matrix) against the
header's digests, so a checker that tokenised differently from the C# reference fails instead of passing silently.
"""

import gzip
import hashlib
import math
import os
import struct
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
_cache = {}


class DataError(Exception):
    """Missing or different data; the message says which file and what was expected."""


def data_root():
    """VERIFICATION_DATA_DIR if set, else the first shared/data found walking up from this folder or the cwd."""
    explicit = os.environ.get("VERIFICATION_DATA_DIR")
    if explicit:
        if not os.path.isdir(explicit):
            raise DataError("VERIFICATION_DATA_DIR=%s is not a folder" % explicit)
        return explicit
    searched = []
    for start in (HERE, os.getcwd()):
        folder = os.path.abspath(start)
        while True:
            candidate = os.path.join(folder, "shared", "data")
            searched.append(candidate)
            if os.path.isdir(candidate):
                return candidate
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    raise DataError("no data folder: set VERIFICATION_DATA_DIR or stage ../shared/data (searched %s)" % ", ".join(searched))


def content(relative, sha256):
    """The decompressed bytes of data file `relative` (e.g. mnist/train-labels-idx1-ubyte.gz), checked against `sha256`."""
    key = ("file", relative)
    if key not in _cache:
        path = os.path.join(data_root(), *relative.split("/"))
        if not os.path.isfile(path):
            raise DataError("data file %s is missing" % path)
        with open(path, "rb") as f:
            raw = f.read()
        data = gzip.decompress(raw) if relative.endswith(".gz") else raw
        _cache[key] = (data, hashlib.sha256(data).hexdigest())
    data, digest = _cache[key]
    if digest != sha256:
        raise DataError("%s decompresses to content with SHA-256 %s, the header declares %s" % (relative, digest, sha256))
    return data


# --- MNIST -----------------------------------------------------------------------------------------------------------

def mnist_subset(images_file, images_sha, labels_file, labels_sha, indices):
    """(images, labels, digest): the 784 pixel bytes and the label of each index, and SHA-256 of image+label bytes."""
    images, labels = content(images_file, images_sha), content(labels_file, labels_sha)
    magic, count, rows, columns = struct.unpack(">iiii", images[:16])
    lmagic, lcount = struct.unpack(">ii", labels[:8])
    if magic != 2051 or lmagic != 2049 or rows * columns != 784 or count != lcount:
        raise DataError("unexpected IDX headers (%d %d %dx%d; %d %d)" % (magic, count, rows, columns, lmagic, lcount))
    digest = hashlib.sha256()
    xs, ys = [], []
    for i in indices:
        if i >= count:
            raise DataError("example index %d is beyond the %d examples" % (i, count))
        image = images[16 + 784 * i: 16 + 784 * (i + 1)]
        label = labels[8 + i]
        digest.update(image)
        digest.update(bytes([label]))
        xs.append(image)
        ys.append(label)
    return xs, ys, digest.hexdigest()


# --- IMDB ------------------------------------------------------------------------------------------------------------

def imdb_reviews(relative, sha256):
    """[(label, text)] of the staged TSV: header label<TAB>rating<TAB>id<TAB>text, split on the first three TABs."""
    key = ("reviews", relative, sha256)
    if key not in _cache:
        text = content(relative, sha256).decode("utf-8")
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        if lines[0] != "label\trating\tid\ttext":
            raise DataError("%s: unexpected header %r" % (relative, lines[0][:40]))
        reviews = []
        for line in lines[1:]:
            fields = line.split("\t", 3)
            reviews.append((int(fields[0]), fields[3]))
        _cache[key] = reviews
    return _cache[key]


def imdb_vocabulary(relative, sha256):
    """The official vocabulary: one token per line, in file order (most frequent first)."""
    key = ("vocabulary", relative, sha256)
    if key not in _cache:
        lines = content(relative, sha256).decode("utf-8").split("\n")
        if lines[-1] == "":
            lines.pop()
        _cache[key] = lines
    return _cache[key]


_LETTER_OR_DIGIT = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"}   # .NET char.IsLetterOrDigit
_category = {}


def _is_letter_or_digit(c):
    cat = _category.get(c)
    if cat is None:
        cat = _category[c] = unicodedata.category(c) in _LETTER_OR_DIGIT
    return cat


def _lower(c):
    """.NET char.ToLowerInvariant on one UTF-16 unit: the simple lower-case mapping (a multi-character full mapping,
    such as U+0130's, leaves the character as it is). A character outside the BMP is two surrogate units in .NET,
    neither a letter nor a digit: it becomes NUL here, an equivalent separator."""
    if ord(c) > 0xFFFF:
        return "\0"
    low = c.lower()
    return low if len(low) == 1 else c


def tokenize(text):
    """src/Convex's ImdbTokenizer (docs/golden-format.md section 3.1, imdb_logistic)."""
    low = [_lower(c) for c in text]
    n = len(low)
    tokens = []
    start = -1
    i = 0
    while i < n:
        c = low[i]
        if _is_letter_or_digit(c):
            if start < 0:
                start = i
            i += 1
            continue
        if (c == "'" or c == "-") and start >= 0 and i + 1 < n and _is_letter_or_digit(low[i + 1]):
            i += 1
            continue
        if start >= 0:
            tokens.append("".join(low[start:i]))
            start = -1
        if c == "!" or c == "?":
            tokens.append(c)
            i += 1
        elif c == "<":
            rest = "".join(low[i:i + 6])
            if rest.startswith("<br>"):
                i += 4
            elif rest.startswith("<br/>"):
                i += 5
            elif rest.startswith("<br />"):
                i += 6
            else:
                i += 1
        else:
            i += 1
    if start >= 0:
        tokens.append("".join(low[start:]))
    return tokens


def tf_l2_row(text, index_of):
    """(columns ascending, values): term frequency count/total over in-vocabulary tokens, then divided by the L2 norm
    sqrt(sum of v*v from +0.0 in column order)."""
    counts = {}
    total = 0
    for token in tokenize(text):
        j = index_of.get(token)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
            total += 1
    columns = sorted(counts)
    values = [float(counts[j]) / total for j in columns]
    if values:
        norm = 0.0
        for v in values:
            norm += v * v
        norm = math.sqrt(norm)
        values = [v / norm for v in values]
    return columns, values


def imdb_subset(reviews_file, reviews_sha, vocabulary_file, vocabulary_sha, indices, top_k):
    """(rows, labels, subset digest, features digest) of the selected reviews (docs/golden-format.md)."""
    reviews = imdb_reviews(reviews_file, reviews_sha)
    vocabulary = imdb_vocabulary(vocabulary_file, vocabulary_sha)
    index_of = {token: j for j, token in enumerate(vocabulary[:top_k])}
    subset, features = hashlib.sha256(), hashlib.sha256()
    rows, labels = [], []
    for i in indices:
        if i >= len(reviews):
            raise DataError("review index %d is beyond the %d reviews" % (i, len(reviews)))
        label, text = reviews[i]
        subset.update(("%d\t%s\n" % (label, text)).encode("utf-8"))
        columns, values = tf_l2_row(text, index_of)
        features.update(struct.pack("<i", len(columns)))
        for j, v in zip(columns, values):
            features.update(struct.pack("<i", j))
            features.update(struct.pack("<d", v))
        rows.append((columns, values))
        labels.append(float(label))
    return rows, labels, subset.hexdigest(), features.hexdigest()
