#!/usr/bin/env python3
"""The benchmark corpus: English sentences of 5..40 words from /usr/share/common-licenses (Debian base-files,
present on every Debian), one per line on stdout, for the scripts that time `analyze` on a corpus.

    corpus.py N          the first N sentences of GPL-3, Apache-2.0, GPL-2 and MPL-2.0, in that order
                         (analyze-vs-gudhi.sh, analyze-vs-capture-only.sh); exit 1 if there are fewer
    corpus.py N --all    the distinct sentences of every license file (by file name), repeated until N lines
                         (spark-vs-analyze.sh; 792 distinct sentences on Debian 12)
"""
import os
import re
import sys

LICENSES = "/usr/share/common-licenses/"


def sentences(text):
    for s in re.split(r"(?<=[.;:])\s+", text):
        s = re.sub(r"\s+", " ", s).strip()
        if 5 <= len(s.split()) <= 40:
            yield s


def main(argv):
    if len(argv) not in (1, 2) or (len(argv) == 2 and argv[1] != "--all") or not argv[0].isdigit():
        print("usage: corpus.py N [--all]", file=sys.stderr)
        sys.exit(2)
    n = int(argv[0])
    if len(argv) == 2:
        text = "\n".join(open(LICENSES + f, encoding="utf-8", errors="replace").read()
                         for f in sorted(os.listdir(LICENSES)) if os.path.isfile(LICENSES + f))
        out = list(dict.fromkeys(sentences(text)))
        out = (out * (n // len(out) + 1))[:n]
    else:
        text = "\n".join(open(LICENSES + f, encoding="utf-8").read()
                         for f in ("GPL-3", "Apache-2.0", "GPL-2", "MPL-2.0"))
        out = list(sentences(text))
        if len(out) < n:
            sys.exit(f"only {len(out)} sentences available")
        out = out[:n]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
