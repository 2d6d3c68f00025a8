#!/usr/bin/env python3
"""Marks one version requirement of an ELF64 little-endian shared library weak (VER_FLG_WEAK).

Usage: weaken_version_need.py LIBRARY VERSION   e.g.  libLibTorchSharp.so GLIBCXX_3.4.32

glibc's loader refuses a library that needs a version its dependency lacks ("version `GLIBCXX_3.4.32' not found"),
unless the Vernaux entry of .gnu.version_r carries VER_FLG_WEAK (2): then it only warns. patchelf cannot set that
flag, hence this script (standard library only). Exit codes: 0 flag set now or already set; 1 the requirement is
not in the file; 2 the file is not an ELF64 little-endian object.
"""
import struct
import sys

VER_FLG_WEAK = 2
SHT_GNU_VERNEED = 0x6FFFFFFE


def main(path: str, version: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            print(f"{path}: not an ELF64 little-endian file", file=sys.stderr)
            return 2
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        for sh in sections:
            if sh[1] != SHT_GNU_VERNEED:
                continue
            strtab = sections[sh[6]]                     # sh_link: the string table of the names
            offset, count = sh[4], sh[7]                 # sh_offset, sh_info: number of Verneed entries
            for _ in range(count):
                _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, offset)
                aux = offset + vn_aux
                for _ in range(vn_cnt):
                    _, flags, _, name, next_aux = struct.unpack_from("<IHHII", data, aux)
                    start = strtab[4] + name
                    end = data.index(b"\0", start)
                    if data[start:end].decode("ascii") == version:
                        if not flags & VER_FLG_WEAK:
                            struct.pack_into("<H", data, aux + 4, flags | VER_FLG_WEAK)
                            f.seek(0)
                            f.write(data)
                        return 0
                    aux += next_aux
                offset += vn_next
    print(f"{path}: no requirement of version {version}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
