#!/usr/bin/python3
"""Check that README.md's figures come from the tools.

Markers in README.md (HTML comments, invisible on GitHub):
  <!-- run -->      the next ```sh block is run (blocks in order, one shell
                    each, in one scratch directory where corpus/, models/ and
                    ../shared/data are the repository's);
  <!-- output -->   the next block (fenced, or a markdown table up to a blank
                    line) must equal what the last run block printed;
  <!-- figure V: SHELL -->  SHELL, run in the same directory, prints V, and
                    V appears in the paragraph that follows.
Prints PASS/FAIL lines as the tool tests do; exit 1 on any failure.
Usage: readme.py README.md BIN_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

MARK = re.compile(r"<!--\s*(run|output|figure\s+(.*?):\s*(.*?))\s*-->", re.S)


def block_after(text, pos):
    """The fenced block or markdown table starting after pos: (body, end)."""
    rest = text[pos:]
    m = re.match(r"\s*\n```[^\n]*\n(.*?)\n```", rest, re.S)
    if m:
        return m.group(1) + "\n", pos + m.end()
    m = re.match(r"\s*\n((?:\|[^\n]*\n)+)", rest)
    if m:
        return m.group(1), pos + m.end()
    return None, pos


def paragraph_after(text, pos):
    rest = text[pos:].lstrip("\n")
    return rest.split("\n\n", 1)[0]


def main():
    readme, bindir = sys.argv[1], os.path.abspath(sys.argv[2])
    top = os.path.dirname(os.path.abspath(readme))
    text = open(readme, encoding="utf-8").read()
    fails = 0
    checks = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "repo")
        os.mkdir(work)
        for name in ("corpus", "models", "tests"):
            os.symlink(os.path.join(top, name), os.path.join(work, name))
        shared = os.path.join(top, "..", "shared")
        if os.path.isdir(shared):
            os.symlink(os.path.abspath(shared), os.path.join(tmp, "shared"))
        env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"], LC_ALL="C.UTF-8")

        def sh(cmd):
            p = subprocess.run(["sh", "-c", "set -e\n" + cmd], cwd=work, env=env,
                               capture_output=True, text=True)
            return p.returncode, p.stdout, p.stderr

        last = None
        for m in MARK.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            kind = m.group(1).split()[0]
            if kind == "run":
                body, _ = block_after(text, m.end())
                if body is None:
                    print(f"FAIL README.md:{line}: run: no block follows")
                    fails += 1
                    continue
                rc, out, err = sh(body)
                checks += 1
                if rc != 0:
                    print(f"FAIL README.md:{line}: the block exits {rc}: {err.strip()[:300]}")
                    fails += 1
                else:
                    print(f"PASS README.md:{line}: the block runs")
                last = out
            elif kind == "output":
                body, _ = block_after(text, m.end())
                checks += 1
                if body is None or last is None:
                    print(f"FAIL README.md:{line}: output: no block, or no run before it")
                    fails += 1
                elif body != last:
                    want = body.splitlines()
                    got = last.splitlines()
                    diff = next((i for i in range(max(len(want), len(got)))
                                 if i >= len(want) or i >= len(got) or want[i] != got[i]), 0)
                    print(f"FAIL README.md:{line}: the output shown differs from the tools' at its "
                          f"line {diff + 1}: shown {want[diff] if diff < len(want) else '(nothing)'!r}, "
                          f"got {got[diff] if diff < len(got) else '(nothing)'!r}")
                    fails += 1
                else:
                    print(f"PASS README.md:{line}: the output shown is the tools'")
            else:
                value, cmd = m.group(2).strip(), m.group(3)
                rc, out, err = sh(cmd)
                checks += 1
                para = paragraph_after(text, m.end())
                if rc != 0:
                    print(f"FAIL README.md:{line}: figure {value}: the command exits {rc}: {err.strip()[:300]}")
                    fails += 1
                elif out.strip() != value:
                    print(f"FAIL README.md:{line}: figure {value}: the tools give {out.strip()!r}")
                    fails += 1
                elif not re.search(r"(?<![\w.,])" + re.escape(value) + r"(?![\w]|[.,]\d)", para):
                    print(f"FAIL README.md:{line}: figure {value} is not in the paragraph after it")
                    fails += 1
                else:
                    print(f"PASS README.md:{line}: figure {value}")
    if checks == 0:
        print("FAIL README.md: no marked figures or examples")
        fails += 1
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
