"""The course as a whole: slides that read on a projector, and one set of times.

- A slide (a cell marked slide or subslide, with the fragments after it) holds at
  most 120 words of prose; speaker notes and skipped cells are not on the screen
  and do not count. Mathematics counts as one word per formula, a link as its text.
- A table on the screen has at most 6 rows below its header.
- Every notebook says "**Time.** About N minutes" in its first cell; 00's course
  map and the README's table give the same N; the README's total is their sum, and
  so are its three sessions.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]
SLIDE_WORDS = 120
TABLE_ROWS = 6
ON_SCREEN = ("slide", "subslide", "fragment", "-", None)


def words(markdown):
    """The words a reader sees: a formula is one word, a link is its text, markup is not."""
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", " formula ", markdown, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)              # [text](url) -> text
    text = re.sub(r"`[^`\n]*`", " code ", text)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", text))


def slides(notebook):
    """[(title, [markdown cells on screen])]: one entry per slide or subslide."""
    found = []
    for cell in notebook.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind in ("slide", "subslide") or not found:
            title = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else "(code)"
            found.append((title, []))
        if cell.cell_type == "markdown" and kind in ON_SCREEN:
            found[-1][1].append(cell.source)
    return found


def tables(markdown):
    """The number of body rows of each markdown table in a cell."""
    rows, counts = 0, []
    for line in markdown.splitlines() + [""]:
        if line.lstrip().startswith("|"):
            rows += 1
        elif rows:
            counts.append(max(rows - 2, 0))             # minus the header and the |---| line
            rows = 0
    return counts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_slide_holds_at_most_120_words(path):
    notebook = nbformat.read(path, as_version=4)
    crowded = [f"'{title}' ({n} words)" for title, cells in slides(notebook)
               if (n := sum(words(source) for source in cells)) > SLIDE_WORDS]
    assert not crowded, (f"{path.name}: slides over {SLIDE_WORDS} words (split them, or move "
                         f"side remarks to a notes cell): " + "; ".join(crowded))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_table_on_a_slide_has_at_most_6_rows(path):
    notebook = nbformat.read(path, as_version=4)
    long = [f"'{title}' ({rows} rows)" for title, cells in slides(notebook)
            for source in cells for rows in tables(source) if rows > TABLE_ROWS]
    assert not long, f"{path.name}: tables over {TABLE_ROWS} rows on screen: " + "; ".join(long)


def header_minutes(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    match = re.search(r"\*\*Time\.\*\* About (\d+) minutes", first)
    assert match, f"{path.name}: the first cell must say '**Time.** About N minutes'"
    return int(match[1])


def table_minutes(markdown, link):
    """{notebook stem: minutes} from the rows of a table that link to notebooks."""
    found = {}
    for line in markdown.splitlines():
        match = re.match(link, line)
        if match:
            found[match[1]] = int(line.rstrip(" |").rsplit("|", 1)[1])
    return found


def test_the_times_agree_everywhere():
    headers = {path.stem: header_minutes(path) for path in NOTEBOOKS}
    start = ROOT / "notebooks" / "00_start_here.ipynb"
    course_map = "\n".join(cell.source for cell in nbformat.read(start, as_version=4).cells
                           if cell.cell_type == "markdown")
    in_map = table_minutes(course_map, r"\|\s*\d\d\s*\|\s*\[[^\]]*\]\((\d\d_\w+)\.ipynb\)")
    readme = (ROOT / "README.md").read_text()
    in_readme = table_minutes(readme, r"\|\s*\[\d\d_\w+\]\(notebooks/(\d\d_\w+)\.ipynb\)")
    assert in_map == headers, f"00's course map {in_map} != the notebooks' headers {headers}"
    assert in_readme == headers, f"the README's table {in_readme} != the headers {headers}"
    total = re.search(r"The whole course is (\d+) minutes", readme)
    assert total and int(total[1]) == sum(headers.values()), \
        f"the README's total ({total and total[1]}) is not the sum {sum(headers.values())}"
    sessions = re.search(r"split after ((?:\d\d_\w+,?\s+(?:and\s+)?)+)\(([\d, and]+) minutes\)",
                         readme)
    assert sessions, "the README should say where the course splits into sessions"
    cuts = re.findall(r"(\d\d)_\w+", sessions[1])
    bounds = ["-1", *cuts, "99"]
    parts = [sum(m for stem, m in headers.items() if low < stem[:2] <= high)
             for low, high in zip(bounds, bounds[1:])]
    said = [int(n) for n in re.findall(r"\d+", sessions[2])]
    assert said == parts, f"the README's {len(parts)} sessions should be {parts} minutes"
