"""Compare the text outputs of notebooks with another git revision's: which printed lines moved.

    python tools/compare_outputs.py [REV] [NOTEBOOK ...]    # REV defaults to HEAD

For every code cell whose source is unchanged or whose position matches, the text outputs
(streams and text/plain), masked as nbval masks them (tests/nbval_sanitize.cfg), are compared
line by line; a differing line is printed old and new. Use it after a change to rnnkit to say
which printed numbers moved and why.
"""

import configparser
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sanitizers():
    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "nbval_sanitize.cfg")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def texts(notebook, rules):
    out = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        text = ""
        for o in cell.get("outputs", []):
            if o["output_type"] == "stream":
                text += "".join(o["text"])
            elif "data" in o and "text/plain" in o["data"] and "image/png" not in o["data"]:
                text += "".join(o["data"]["text/plain"]) + "\n"
        for pattern, replace in rules:
            text = pattern.sub(replace, text)
        out.append(("".join(cell["source"]), text))
    return out


def main(rev="HEAD", names=()):
    rules = sanitizers()
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    paths = [p for p in paths if not names or p.stem in names]
    moved = 0
    for path in paths:
        try:
            old = json.loads(subprocess.run(["git", "show", f"{rev}:notebooks/{path.name}"],
                                            cwd=ROOT, capture_output=True, text=True,
                                            check=True).stdout)
        except subprocess.CalledProcessError:
            print(f"{path.name}: new (not in {rev})")
            continue
        new = json.loads(path.read_text())
        old_cells, new_cells = texts(old, rules), texts(new, rules)
        by_source = {source: text for source, text in old_cells}
        for number, (source, text) in enumerate(new_cells):
            before = by_source.get(source)
            if before is None and number < len(old_cells):
                before = old_cells[number][1]
            if before is None or before == text:
                continue
            for a, b in zip(before.splitlines(), text.splitlines()):
                if a != b:
                    moved += 1
                    print(f"{path.stem} code cell {number}:\n  old: {a}\n  new: {b}")
            if len(before.splitlines()) != len(text.splitlines()):
                print(f"{path.stem} code cell {number}: {len(before.splitlines())} lines -> "
                      f"{len(text.splitlines())}")
    print(f"{moved} printed line(s) differ from {rev}")


if __name__ == "__main__":
    args = sys.argv[1:]
    rev = args.pop(0) if args and not args[0].startswith("0") else "HEAD"
    main(rev, args)
