"""DESIGN.md's map of libtext against the code: every module has a row, its
'calls' column lists exactly the libtext headers its sources include (text_err
and its own excepted), and every call goes to a lower layer (so no cycles).
Usage: python3 tests/design.py TOP; prints one line per problem, exits 1."""
import glob, os, re, sys

top = sys.argv[1]
heads = sorted(os.path.basename(h)[5:-2] for h in glob.glob(top + "/libtext/text_*.h"))
# a header NAME_int.h or NAME_cld2.h belongs to module NAME
mods = [h for h in heads if not re.search(r"_(int|cld2)$", h)]
def owner(name):
    best = max((m for m in mods if name == m or name.startswith(m + "_")), key=len, default=None)
    return best
calls = {m: set() for m in mods}
for src in glob.glob(top + "/libtext/text_*.[ch]") + glob.glob(top + "/libtext/text_*.cc"):
    m = owner(re.sub(r"\.(c|h|cc)$", "", os.path.basename(src))[5:])
    if m is None:
        continue
    for inc in re.findall(r'#include "text_(\w+)\.h"', open(src, encoding="utf-8").read()):
        o = owner(inc)
        if o and o not in (m, "err"):
            calls[m].add(o)
rows = {}
for line in open(top + "/DESIGN.md", encoding="utf-8"):
    f = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(f) == 5 and f[0].isdigit():
        rows[f[1]] = (int(f[0]), set(re.sub(r"\(.*?\)", "", f[3]).replace("–", "").split()))
bad = []
for m in mods:
    if m not in rows:
        bad.append(f"DESIGN.md: no row for module {m} (calls: {' '.join(sorted(calls[m])) or '-'})")
        continue
    layer, listed = rows[m]
    if listed != calls[m]:
        bad.append(f"DESIGN.md: {m} calls {' '.join(sorted(calls[m])) or '-'}, the map says {' '.join(sorted(listed)) or '-'}")
    for c in calls[m]:
        if c in rows and rows[c][0] >= layer:
            bad.append(f"DESIGN.md: {m} (layer {layer}) calls {c} (layer {rows[c][0]}), not a lower layer")
for m in rows:
    if m not in mods:
        bad.append(f"DESIGN.md: a row for {m}, which is no module")
print("\n".join(bad))
sys.exit(1 if bad else 0)
