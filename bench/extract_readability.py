#!/usr/bin/python3
"""readability-lxml (Debian python3-readability) over HTML files, for
bench/extract.sh: the text of Document(html).summary() per page.

usage: extract_readability.py OUT.json FILE...   (FILE: .html or .html.gz)
Writes {key: text} (key: the file name before its first dot) to OUT.json and
prints "pages bytes seconds" (the extraction loop, files read included) on
stderr."""
import gzip, json, sys, time

import lxml.html
from readability import Document


def main():
    out, pages, size = {}, 0, 0
    t0 = time.perf_counter()
    for path in sys.argv[2:]:
        with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
            html = f.read()
        size += len(html)
        summary = Document(html).summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        out[path.rsplit("/", 1)[-1].split(".")[0]] = text
        pages += 1
    secs = time.perf_counter() - t0
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(out, f)
    print("%d %d %.3f" % (pages, size, secs), file=sys.stderr)


if __name__ == "__main__":
    main()
