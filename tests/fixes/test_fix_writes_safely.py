"""``--fix`` and ``--add-noqa`` write like an editor: through links, keeping owner and mode,
refusing read-only files, never over an edit made meanwhile, and always saying what they did."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cli_helpers import MIX, run_txmix
from txmix_hook.fixing import fix_outcomes, write_fixed
from txmix_hook.runner import Checker, run_check
from txmix_hook.settings import CommandLine, build_settings

STALE = "x = 1  # txmix: ignore[TXM001]\n"
CLEAN = "x = 1\n"


def fix(tmp_path: Path, *names: str, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    return run_txmix(["check", "--isolated", "--fix", *extra, *names], tmp_path)


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "target.py"
    target.write_text(STALE)
    (tmp_path / "app.py").symlink_to("real/target.py")
    code, _, err = fix(tmp_path, "app.py")
    assert (tmp_path / "app.py").is_symlink()
    assert target.read_text() == CLEAN, err


def test_add_noqa_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "target.py"
    target.write_text(MIX)
    (tmp_path / "app.py").symlink_to("target.py")
    code, _, err = run_txmix(["check", "--isolated", "--add-noqa", "app.py"], tmp_path)
    assert code == 0, err
    assert (tmp_path / "app.py").is_symlink()
    assert "# txmix: ignore[TXM001]" in target.read_text()


def test_a_hard_link_stays_one_file(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(STALE)
    os.link(app, tmp_path / "twin.py")
    fix(tmp_path, "app.py")
    assert app.read_text() == CLEAN
    assert (tmp_path / "twin.py").read_text() == CLEAN
    assert app.stat().st_ino == (tmp_path / "twin.py").stat().st_ino and app.stat().st_nlink == 2


def test_a_read_only_file_is_refused_and_the_other_files_are_still_fixed(tmp_path: Path) -> None:
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(STALE)
    os.chmod(tmp_path / "b.py", 0o444)
    code, _, err = fix(tmp_path, "a.py", "b.py", "c.py")
    assert code == 2
    assert "error: b.py: not written: file is read-only" in err
    assert "Wrote 2 files (a.py, c.py); 1 file not written (b.py)." in err
    assert (tmp_path / "a.py").read_text() == CLEAN and (tmp_path / "c.py").read_text() == CLEAN
    assert (tmp_path / "b.py").read_text() == STALE
    assert stat.S_IMODE((tmp_path / "b.py").stat().st_mode) == 0o444
    assert "Fixed 2 findings." in err and "b.py:1:8: TXM100" in run_txmix(["check", "--isolated", "b.py"], tmp_path)[1]


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_a_run_as_root_keeps_the_owner_and_mode(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(STALE)
    os.chown(app, 1234, 2345)
    os.chmod(app, 0o664)
    fix(tmp_path, "app.py")
    assert app.read_text() == CLEAN
    info = app.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 2345, 0o664)


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_bytes(b"\xef\xbb\xbf" + STALE.replace("\n", "\r\n").encode())
    fix(tmp_path, "app.py")
    assert app.read_bytes() == b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()


def test_a_file_edited_while_txmix_ran_is_not_overwritten(tmp_path: Path) -> None:
    """The same path the CLI takes, with the user's edit landing between reading and writing."""
    app = tmp_path / "app.py"
    app.write_text(STALE)
    (tmp_path / "b.py").write_text(STALE)
    settings = build_settings(CommandLine(isolated=True))
    checker = Checker(settings)
    result = run_check([app, tmp_path / "b.py"], settings, checker)
    fixed = fix_outcomes(result.outcomes, checker, unsafe=False)
    app.write_text(STALE + "y = 2  # typed while txmix ran\n")
    report = write_fixed(fixed)
    assert app.read_text() == STALE + "y = 2  # typed while txmix ran\n"
    assert report.warnings == [f"{app}: not written: the file changed while txmix ran; run txmix again"]
    assert report.written == [str(tmp_path / "b.py")] and (tmp_path / "b.py").read_text() == CLEAN
    assert fixed[0].fixed == [] and [f.code for f in fixed[0].remaining] == ["TXM100"]


def test_a_write_failure_names_the_file_and_the_run_goes_on(tmp_path: Path) -> None:
    """A file-size limit makes the big file's write fail (EFBIG), as a full disk would."""
    (tmp_path / "big.py").write_text("# " + "x" * 400 + "\n" + STALE)
    (tmp_path / "small.py").write_text(STALE)
    script = textwrap.dedent("""\
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))
        from txmix_hook.cli import main
        sys.argv = ["txmix", "check", "--isolated", "--fix", "big.py", "small.py"]
        main()
        """)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "error: big.py: not written: File too large" in done.stderr
    assert "Wrote 1 file (small.py); 1 file not written (big.py)." in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "small.py").read_text() == CLEAN
    assert (tmp_path / "big.py").read_text().endswith(STALE)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".txmix-tmp")] == []


def test_add_noqa_never_overwrites_an_edit_made_while_it_ran(tmp_path: Path) -> None:
    from txmix_hook.add_noqa import add_noqa

    app = tmp_path / "app.py"
    app.write_text(MIX)
    settings = build_settings(CommandLine(isolated=True))
    result = run_check([app], settings, Checker(settings))
    app.write_text(MIX + "# typed while txmix ran\n")
    report = add_noqa(result.outcomes)
    assert app.read_text() == MIX + "# typed while txmix ran\n"
    assert (report.added, report.files) == (0, 0)
    assert report.writes.warnings == [f"{app}: not written: the file changed while txmix ran; run txmix again"]
