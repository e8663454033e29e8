"""A temporary copy of the course, for tests that must not touch the working tree.

The copy holds the files a commit would hold: git's tracked files plus the
untracked files that .gitignore does not exclude (so a notebook being written
and not yet committed is tested too), never .venv, artifacts/, slides/ or build/.
Used by tests/test_binder.py and tests/test_browser.py.
"""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_NOT_COURSE = {".git", ".venv", "artifacts", "slides", "build", "dist", "__pycache__",
               ".ipynb_checkpoints", ".pytest_cache"}


def course_files(root=ROOT):
    """The course's files (relative paths) as a commit would hold them."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root, capture_output=True, check=True).stdout
        names = [name for name in listing.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        # not a git checkout: everything but the obvious
        names = [str(p.relative_to(root)) for p in root.rglob("*")
                 if p.is_file() and not _NOT_COURSE & set(p.relative_to(root).parts)
                 and not any(part.endswith(".egg-info") for part in p.relative_to(root).parts)]
    # a deleted, still-tracked file is gone
    return [name for name in names if (root / name).is_file()]


def copy_course(target, root=ROOT):
    """Copy the course into target (created); keeps file modes (postBuild stays executable)."""
    target = Path(target)
    for name in course_files(root):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, destination)
    return target
