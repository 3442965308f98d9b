"""The cache folder: where it lives, what an entry must prove before it is trusted, cleaning."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.cache import CACHE_DIR_ENV, MAGIC, Cache, cache_dir, canonical_digest, project_root

KEY = Cache(Path("unused")).key("test", b"file bytes")


class Thing:
    pass


def entry_path(cache: Cache, key: bytes) -> Path:
    return cache.directory / key.hex()[:2] / key.hex()[2:]


def test_an_entry_round_trips_and_the_folder_is_tagged_and_git_ignored(tmp_path: Path) -> None:
    cache = Cache(tmp_path / ".txmix_cache")
    assert cache.load(KEY) is None
    cache.store(KEY, {"findings": [1, 2]})
    assert cache.load(KEY) == {"findings": [1, 2]}
    assert (cache.directory / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache.directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not list(cache.directory.rglob(".tmp-*"))  # the temporary file was moved into place


def test_keys_change_with_every_part_and_kind() -> None:
    cache = Cache(Path("unused"))
    keys = {
        cache.key("a", b"x"),
        cache.key("b", b"x"),
        cache.key("a", b"y"),
        cache.key("a", b"x", b""),
        cache.key("a", b"xy"),
        cache.key("a", b"x", b"y"),
    }
    assert len(keys) == 6


def stored(tmp_path: Path) -> tuple[Cache, Path]:
    cache = Cache(tmp_path / "c")
    cache.store(KEY, ["value"])
    return cache, entry_path(cache, KEY)


def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache, path = stored(tmp_path)
    blob = bytearray(path.read_bytes())
    blob[-3] ^= 0xFF  # one flipped bit in the pickled payload
    path.write_bytes(bytes(blob))
    assert cache.load(KEY) is None
    cache.store(KEY, ["value"])
    assert cache.load(KEY) == ["value"]


def test_a_truncated_entry_is_ignored(tmp_path: Path) -> None:
    cache, path = stored(tmp_path)
    whole = path.read_bytes()
    for length in (0, 5, len(MAGIC) + 10, len(whole) - 1):
        path.write_bytes(whole[:length])
        assert cache.load(KEY) is None


def test_a_foreign_entry_is_ignored(tmp_path: Path) -> None:
    cache, path = stored(tmp_path)
    path.write_bytes(b"not a txmix cache entry at all, but long enough to hold a header......")
    assert cache.load(KEY) is None
    other = cache.key("test", b"other bytes")
    cache.store(other, ["other value"])
    path.write_bytes(entry_path(cache, other).read_bytes())  # a whole, valid entry of another key
    assert cache.load(KEY) is None


def test_a_checked_payload_that_does_not_unpickle_is_ignored(tmp_path: Path) -> None:
    cache, path = stored(tmp_path)
    payload = pickle.dumps(Thing(), protocol=2).replace(Thing.__module__.encode(), b"no_such_module")  # from another txmix
    header = path.read_bytes()[: len(MAGIC) + 2 + 32]
    path.write_bytes(header + hashlib.sha256(payload).digest() + payload)
    with pytest.raises(ModuleNotFoundError):
        pickle.loads(payload)
    assert cache.load(KEY) is None


def test_two_processes_writing_the_same_entries_leave_only_whole_ones(tmp_path: Path) -> None:
    writer = (
        "import sys; from pathlib import Path; from txmix_hook.cache import Cache\n"
        "cache = Cache(Path(sys.argv[1]))\n"
        "for round in range(40):\n"
        "    for i in range(25):\n"
        "        cache.store(cache.key('race', str(i)), [sys.argv[2]] * 2000)\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(tmp_path / "c"), name]) for name in ("first", "second")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache = Cache(tmp_path / "c")
    for i in range(25):
        assert cache.load(cache.key("race", str(i))) in (["first"] * 2000, ["second"] * 2000)
    assert not list(cache.directory.rglob(".tmp-*"))


def test_the_project_root_is_the_nearest_marker_above_the_checked_paths(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "svc" / "app").mkdir(parents=True)
    (tmp_path / "repo" / "svc" / "pyproject.toml").write_text("")
    (tmp_path / "repo" / "svc" / "app" / "m.py").write_text("")
    (tmp_path / "repo" / "lib").mkdir()
    assert project_root([Path("svc/app/m.py")], tmp_path / "repo") == tmp_path / "repo" / "svc"
    assert project_root([Path("svc/app"), Path("lib")], tmp_path / "repo") == tmp_path / "repo"
    assert project_root([], tmp_path / "repo" / "svc" / "app") == tmp_path / "repo" / "svc"
    assert project_root([Path(".")], tmp_path) == tmp_path  # no marker anywhere above: here


def test_txmix_cache_dir_moves_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.py").write_text(MIX)
    monkeypatch.setenv(CACHE_DIR_ENV, "elsewhere/cache")
    assert cache_dir([Path(".")], tmp_path) == tmp_path / "elsewhere" / "cache"
    code, _, _ = run_txmix(["check", "--isolated", "."], tmp_path)
    assert code == 1
    assert (tmp_path / "elsewhere" / "cache" / "CACHEDIR.TAG").is_file()
    assert not (tmp_path / ".txmix_cache").exists()


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    (tmp_path / "m.py").write_text(MIX)
    assert run_txmix(["check", "--isolated", "--no-cache", "."], tmp_path)[0] == 1
    assert not (tmp_path / ".txmix_cache").exists()
    assert run_txmix(["check", "--isolated", "."], tmp_path)[0] == 1
    assert (tmp_path / ".txmix_cache").is_dir()


def test_cache_clean_removes_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    (tmp_path / "m.py").write_text(MIX)
    run_txmix(["check", "--isolated", "."], tmp_path)
    assert (tmp_path / ".txmix_cache").is_dir()
    code, _, err = run_txmix(["cache", "clean"], tmp_path)
    assert code == 0 and "Removed" in err
    assert not (tmp_path / ".txmix_cache").exists()
    code, _, err = run_txmix(["cache", "clean"], tmp_path)
    assert code == 0 and "No cache at" in err


def test_cache_clean_leaves_a_folder_txmix_did_not_make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.txt").write_text("keep me")
    monkeypatch.setenv(CACHE_DIR_ENV, "precious")
    code, _, err = run_txmix(["cache", "clean"], tmp_path)
    assert code == 2 and "not a txmix cache folder" in err
    assert (tmp_path / "precious" / "notes.txt").read_text() == "keep me"


def test_canonical_digest_ignores_set_order_but_not_content() -> None:
    script = "from txmix_hook.cache import canonical_digest; print(canonical_digest({'b', 'a', 'c'}, {'k': frozenset('xyz')}).hex())"
    digests = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
    assert canonical_digest({"a"}) != canonical_digest({"b"})
