"""The walk that finds a project's files: the same files, in the same order, as a plain
``os.walk`` with the exclude rules applied, with each file's status taken once on the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from txmix_hook.discovery import DEFAULT_EXCLUDE, PYTHON_SUFFIXES, FileFilter, discover, display_path
from txmix_hook.globs import glob_matches


def _reference(root: Path, exclude: tuple[str, ...]) -> list[str]:
    """What discovery found before it was rewritten for speed: ``os.walk``, names sorted."""

    def excluded(name: str) -> bool:
        return any(glob_matches(pattern, name) for pattern in exclude)

    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(
            d for d in folders if not excluded(d) and not os.path.isfile(os.path.join(folder, d, "pyvenv.cfg"))
        )
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith(PYTHON_SUFFIXES) and not excluded(f)]
    return found


def _tree(root: Path) -> None:
    for relative in (
        "app/__init__.py", "app/z.py", "app/a.py", "app/api/orders.py", "app/api/README.md",
        "app/B/upper.py", "app/b/lower.py", "app/stubs.pyi", "app/notes.txt",
        "app/migrations/0001.py", "app/test_one.py", "app/pkg.egg-info/x.py",
        "env/pyvenv.cfg", "env/lib/site.py", "build/gen.py", "tool.py/inside.py",
        "deep/" + "/".join(f"d{n}" for n in range(40)) + "/leaf.py",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    (root / "linked").symlink_to(root / "app", target_is_directory=True)  # not followed
    (root / "alias.py").symlink_to(root / "app" / "a.py")  # a file link is a file
    (root / "broken.py").symlink_to(root / "missing.py")
    (root / os.fsdecode(b"caf\xe9.py")).write_text("x = 1\n")


def test_the_walk_finds_what_os_walk_finds_in_the_same_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    exclude = (*DEFAULT_EXCLUDE, "migrations", "test_*.py")
    walked = [str(c.path) for c in discover([tmp_path], FileFilter(root=tmp_path, exclude=exclude, respect_gitignore=False))]
    assert walked == _reference(tmp_path, exclude)
    assert str(tmp_path / "tool.py" / "inside.py") in walked  # a folder named like a module is walked
    assert not any("/env/" in p or "/linked/" in p or "test_one" in p for p in walked)


def test_each_walked_file_carries_the_status_it_had_when_found(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = {str(c.path): c for c in discover([tmp_path], FileFilter(root=tmp_path, respect_gitignore=False))}
    alias = found[str(tmp_path / "alias.py")]
    assert alias.status is not None and alias.status.st_ino == os.stat(tmp_path / "app" / "a.py").st_ino  # followed
    assert found[str(tmp_path / "broken.py")].status is None  # reading it later says why
    assert all(c.warning is None for c in found.values())


@pytest.mark.parametrize("named", [".", "./app/", "app//api", "../here/app", "ABSOLUTE"])
def test_a_walked_file_is_named_as_pathlib_writes_it_without_a_path_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: str) -> None:
    """Candidates keep their path as a string (a ``Path`` per file cost more than its ``stat``);
    the string and the name shown must be the ones a ``Path`` gave, whatever the root looked like."""
    here = tmp_path / "here"
    _tree(here)
    monkeypatch.chdir(here)
    root = Path(str(here / "app") if named == "ABSOLUTE" else named)
    found = list(discover([root], FileFilter(root=here, respect_gitignore=False)))
    assert found
    for candidate in found:
        assert candidate.where == str(Path(candidate.where)) == str(candidate.path)
        assert candidate.display == display_path(candidate.path)


def test_a_module_is_named_by_its_package_chain_and_each_folder_is_asked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dotted name climbs the folders holding an ``__init__.py`` and stops at the first
    without one. Every file of a run is named, so each folder is looked at once per run,
    however many files and packages below it ask."""
    from txmix_hook import discovery
    from txmix_hook.project.root import module_name

    for init in ("a", "a/b", "a/b/c", "a/b/c/d/e"):
        (tmp_path / init).mkdir(parents=True, exist_ok=True)
        (tmp_path / init / "__init__.py").write_text("")
    asked: list[str] = []
    real = os.path.isfile
    monkeypatch.setattr(discovery.os.path, "isfile", lambda path: asked.append(path) or real(path))
    discovery.forget_packages()
    files = ["a/b/c/m.py", "a/b/c/__init__.py", "a/b/m.py", "a/b/c/d/e/x.py", "a/b/c/d/e/__init__.py", "a/b/c/d/y.py", "top.py"]
    named = [module_name(str(tmp_path / f)) for f in files]
    assert named == [("a.b.c.m", False), ("a.b.c", True), ("a.b.m", False), ("e.x", False), ("e", True), ("y", False), ("top", False)]
    assert len(asked) == len(set(asked)), "a folder looked at twice"
