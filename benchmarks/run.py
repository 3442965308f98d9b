"""The benchmark a person can rerun: txmix against ast-grep, semgrep and ruff, in one run.

    .venv/bin/python benchmarks/run.py [--runs 5] [--work DIR] [--no-append]

Builds (or reuses) in ``--work`` (default ``~/.cache/txmix-bench``, outside any git work tree,
so no tool skips the files as git-ignored):

- the pinned corpus, with ``../shared/bench/make_corpus.sh`` (it checks every wheel's sha256;
  the digest of the extracted tree is printed with the table);
- a *dense* copy, each file with ``import psycopg2`` and ``from sqlalchemy.orm import Session``
  prepended, so no prefilter can skip a file;
- a venv with the peers (``ast-grep-cli``, ``ruff``, ``semgrep``, ``pre-commit``);
- a 3,000-file project (the dense copy) for the pre-commit case, and two git repositories of
  it, one with a txmix pre-commit hook and one with a ruff hook.

Then times every case once to warm page cache and tool caches, and ``--runs`` times
interleaved (noise hits every tool alike), each a whole process: median wall time, CPU time
(user + system, workers included) and peak RSS (largest single process). Prints the table
and appends it, dated, to BENCHMARKS.md. txmix is the one installed next to this Python.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# ``../shared/bench`` beside the checkout (a git worktree one level deeper finds it too).
SHARED = next((p / "shared" / "bench" for p in REPO.parents if (p / "shared" / "bench" / "make_corpus.sh").is_file()), REPO.parent / "shared" / "bench")
PEERS = ("ast-grep-cli", "ruff", "semgrep", "pre-commit")
DENSE_HEADER = b"import psycopg2\nfrom sqlalchemy.orm import Session\n"
CHANGED_FILES = 10
# As a user runs it: bytecode caches written and used (a developer shell may switch them off).
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TXMIX_CACHE_DIR", "TXMIX_JOBS")}


@dataclass
class Case:
    name: str
    command: list[str]
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    prepare: Callable[[], None] | None = None  # before each run, not timed
    ok_codes: tuple[int, ...] = (0, 1)
    runs: int | None = None  # fewer runs than the others (semgrep takes minutes per run here)
    warm_up: bool = True
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def run(self) -> None:
        if self.prepare is not None:
            self.prepare()
        started = time.perf_counter()
        process = subprocess.Popen(self.command, cwd=self.cwd, env={**CLEAN_ENV, **self.env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert process.stderr is not None
        err = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in self.ok_codes:
            sys.exit(f"benchmark: {self.name} exited {process.returncode}: {err.decode(errors='replace')[-2000:]}")
        self.walls.append(wall)
        self.cpus.append(usage.ru_utime + usage.ru_stime)
        self.rss_kb.append(usage.ru_maxrss)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)


@dataclass(frozen=True)
class Target:
    label: str
    case: str
    limit: float
    peer: str | None = None  # None: an absolute limit on the case's median wall time
    measure: str = "wall"  # or "rss" (MB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "txmix-bench")
    parser.add_argument("--no-append", action="store_true", help="print the table only")
    parser.add_argument("--semgrep-runs", type=int, default=None, help="runs of semgrep (default: --runs); it has no cache to warm")
    args = parser.parse_args()
    if args.runs < 5:
        sys.exit("benchmark: --runs must be at least 5 (medians of fewer are noise)")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    txmix = tool(Path(sys.executable).parent, "txmix")
    peers = peer_venv(work / "peers")
    corpus = pinned_corpus(work / "corpus")
    digest = tree_digest(corpus)
    dense = dense_copy(corpus, work / "dense", digest)
    project = project_copy(dense, work / "project", digest)
    cases = build_cases(work, txmix, peers, corpus, dense, project, args.semgrep_runs or args.runs)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(txmix_package()))], check=True, stdout=subprocess.DEVNULL)
    for where in (project, work / "repo-txmix"):  # the rest of the project is in the cache
        subprocess.run([txmix, "check", "--exit-zero", "--quiet", "."], cwd=where, env=CLEAN_ENV, check=True, stdout=subprocess.DEVNULL)
    files = sum(1 for _ in corpus.rglob("*.py"))
    print(f"corpus: {files} .py files, tree sha256 {digest[:16]}; {args.runs} interleaved runs per case", flush=True)
    for case in cases.values():  # warm-up: page cache, tool caches, pre-commit's store
        if case.warm_up:
            case.run()
            case.walls.clear(), case.cpus.clear(), case.rss_kb.clear()
    for number in range(args.runs):
        for case in cases.values():
            if case.runs is None or number < case.runs:
                case.run()
        print(f"run {number + 1}/{args.runs} done", flush=True)
    table = render(cases, TARGETS, files, digest, args.runs)
    print(table)
    if not args.no_append:
        with (REPO / "BENCHMARKS.md").open("a", encoding="utf-8") as out:
            out.write("\n" + table)


TARGETS = (
    Target("pinned corpus, cold: <= 0.5x ast-grep", "txmix cold, pinned", 0.5, "ast-grep, pinned"),
    Target("dense corpus, cold: <= 1.0x ast-grep", "txmix cold, dense", 1.0, "ast-grep, dense"),
    Target("pinned corpus, cold: <= 0.02x semgrep", "txmix cold, pinned", 0.02, "semgrep, pinned"),
    Target("dense corpus, cold: <= 0.02x semgrep", "txmix cold, dense", 0.02, "semgrep, dense"),
    Target("warm full scan, pinned: <= 1.0x ruff warm", "txmix warm, pinned", 1.0, "ruff warm, pinned"),
    Target("warm full scan, dense: <= 1.0x ruff warm", "txmix warm, dense", 1.0, "ruff warm, dense"),
    Target("pre-commit case (10 files, cache warm): <= 0.12 s", "txmix pre-commit case", 0.12),
    Target("txmix --version: <= 0.05 s", "txmix --version", 0.05),
    Target("git commit, txmix hook: <= 1.5x ruff hook", "git commit, txmix hook", 1.5, "git commit, ruff hook"),
    Target("peak RSS, dense corpus: <= 100 MB", "txmix cold, dense", 100.0, None, "rss"),
)


def build_cases(work: Path, txmix: str, peers: Path, corpus: Path, dense: Path, project: Path, semgrep_runs: int) -> dict[str, Case]:
    ast_grep, semgrep, ruff = (tool(peers / "bin", name) for name in ("ast-grep", "semgrep", "ruff"))
    ast_rule, semgrep_rule = SHARED / "peers" / "ast-grep-rule.yml", SHARED / "peers" / "semgrep-rule.yml"
    semgrep_flags = ["--metrics=off", "--disable-version-check", "--quiet", "--jobs", str(os.cpu_count() or 1)]
    changed = sorted(project.rglob("*.py"), key=lambda p: p.as_posix())[:: max(1, 3000 // CHANGED_FILES)][:CHANGED_FILES]
    txmix_repo = commit_repo(work / "repo-txmix", dense, f"{txmix} check --force-exclude --exit-zero", peers)
    ruff_repo = commit_repo(work / "repo-ruff", dense, f"{ruff} check --force-exclude --exit-zero --select E,F,W", peers)
    cases: list[Case] = []
    for label, tree in (("pinned", corpus), ("dense", dense)):
        cache = {"TXMIX_CACHE_DIR": str(work / f"txmix-cache-{label}")}
        cases += [
            Case(f"txmix cold, {label}", [txmix, "check", "--isolated", "--exit-zero", "--no-cache", str(tree)]),
            Case(f"txmix warm, {label}", [txmix, "check", "--isolated", "--exit-zero", str(tree)], env=cache),
            Case(f"ast-grep, {label}", [ast_grep, "scan", "-r", str(ast_rule), str(tree)]),
            Case(f"semgrep, {label}", [semgrep, "scan", "--config", str(semgrep_rule), *semgrep_flags, str(tree)], runs=semgrep_runs, warm_up=False),
            Case(f"ruff cold, {label}", [ruff, "check", "--select", "E,F,W", "--exit-zero", "--no-cache", str(tree)]),
            Case(f"ruff warm, {label}", [ruff, "check", "--select", "E,F,W", "--exit-zero", "--cache-dir", str(work / f"ruff-cache-{label}"), str(tree)]),
        ]
    cases += [
        Case("txmix pre-commit case", [txmix, "check", "--force-exclude", *map(str, changed)], cwd=project, prepare=edit(changed)),
        Case("txmix --version", [txmix, "--version"]),
        Case("ruff --version", [ruff, "--version"]),
        Case("python -c pass", [sys.executable, "-c", "pass"]),
        Case("git commit, txmix hook", ["git", "commit", "-q", "-a", "-m", "bench"], cwd=txmix_repo, prepare=edit(repo_files(txmix_repo, changed, project))),
        Case("git commit, ruff hook", ["git", "commit", "-q", "-a", "-m", "bench"], cwd=ruff_repo, prepare=edit(repo_files(ruff_repo, changed, project))),
    ]
    return {case.name: case for case in cases}


def edit(paths: list[Path]) -> Callable[[], None]:
    """Change ``paths`` before a run, as a developer would before committing (cache misses)."""
    counter = iter(range(10**9))

    def change() -> None:
        number = next(counter)
        for path in paths:
            with path.open("a", encoding="utf-8") as out:
                out.write(f"\nEDITED_{number} = {number}\n")

    return change


def repo_files(repo: Path, changed: list[Path], project: Path) -> list[Path]:
    return [repo / path.relative_to(project) for path in changed]


def txmix_package() -> str:
    found = subprocess.run([sys.executable, "-c", "import txmix_hook, os; print(os.path.dirname(txmix_hook.__file__))"], capture_output=True, text=True, check=True)
    return found.stdout.strip()


def tool(folder: Path, name: str) -> str:
    found = folder / name
    if not found.exists():
        sys.exit(f"benchmark: {found} not found")
    return str(found)


def peer_venv(venv: Path) -> Path:
    if not (venv / "bin" / "semgrep").exists():
        print(f"installing {', '.join(PEERS)} into {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", *PEERS], check=True)
    return venv


def pinned_corpus(corpus: Path) -> Path:
    """make_corpus.sh is idempotent and checks each wheel's sha256 against its pin."""
    env = {**os.environ, "WHEEL_DIR": str(corpus.parent / "wheels"), "PYTHON": sys.executable}
    subprocess.run(["bash", str(SHARED / "make_corpus.sh"), str(corpus)], check=True, env=env, stdout=subprocess.DEVNULL)
    return corpus


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py"), key=lambda p: p.as_posix()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def dense_copy(corpus: Path, dense: Path, digest: str) -> Path:
    stamp = dense / ".made-from"
    if stamp.is_file() and stamp.read_text() == digest:
        return dense
    shutil.rmtree(dense, ignore_errors=True)
    for path in corpus.rglob("*.py"):
        target = dense / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(DENSE_HEADER + path.read_bytes())
    stamp.write_text(digest)
    return dense


def project_copy(dense: Path, project: Path, digest: str) -> Path:
    """The pre-commit case's project: the dense tree with a pyproject.toml (its root)."""
    stamp = project / ".made-from"
    if not (stamp.is_file() and stamp.read_text() == digest):
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(dense, project)
        (project / "pyproject.toml").write_text('[project]\nname = "bench"\n')
        stamp.write_text(digest)
    return project


def commit_repo(repo: Path, source: Path, hook_entry: str, peers: Path) -> Path:
    """A git repository of ``source`` with one local pre-commit hook (language: system)."""
    config = (
        "repos:\n- repo: local\n  hooks:\n  - id: bench\n    name: bench\n"
        f"    entry: {hook_entry}\n    language: system\n    types_or: [python, pyi]\n    require_serial: true\n"
    )
    if (repo / ".pre-commit-config.yaml").is_file() and (repo / ".pre-commit-config.yaml").read_text() == config:
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(source, repo)
    (repo / ".pre-commit-config.yaml").write_text(config)
    git = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", "corpus"]):
        subprocess.run([*git, *command], cwd=repo, check=True)
    subprocess.run(["git", "config", "user.email", "bench@example.com"], cwd=repo, check=True)
    subprocess.run(["git", "config", "user.name", "bench"], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    subprocess.run([str(peers / "bin" / "pre-commit"), "install", "-f"], cwd=repo, check=True, env=env, stdout=subprocess.DEVNULL)
    hook = repo / ".git" / "hooks" / "pre-commit"  # keep pre-commit's store inside the work folder
    hook.write_text(hook.read_text().replace("#!/usr/bin/env bash\n", f"#!/usr/bin/env bash\nexport PRE_COMMIT_HOME={env['PRE_COMMIT_HOME']}\n", 1))
    return repo


def render(cases: dict[str, Case], targets: tuple[Target, ...], files: int, digest: str, runs: int) -> str:
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    peer_of = {t.case: t.peer for t in targets if t.peer and t.measure == "wall"}
    lines = [
        f"## benchmarks/run.py, {when}",
        "",
        f"{files} files (pinned corpus, tree sha256 `{digest[:16]}`), {runs} interleaved runs per case"
        f" (semgrep: {len(cases['semgrep, pinned'].walls)}), medians;"
        f" {os.cpu_count()} cores; CPU is user + system of the process and its workers.",
        "",
        "| case | median wall | CPU | peak RSS | ratio to peer |",
        "|---|---|---|---|---|",
    ]
    for case in cases.values():
        peer = peer_of.get(case.name)
        ratio = f"{case.wall / cases[peer].wall:.3f}x {peer}" if peer else ""
        lines.append(
            f"| {case.name} | {case.wall:.3f} s | {statistics.median(case.cpus):.3f} s | {max(case.rss_kb) / 1024:.0f} MB | {ratio} |"
        )
    lines += ["", "| target | figure | met |", "|---|---|---|"]
    for target in targets:
        case = cases[target.case]
        if target.measure == "rss":
            figure = max(case.rss_kb) / 1024
            shown = f"{figure:.0f} MB"
        elif target.peer is None:
            figure, shown = case.wall, f"{case.wall:.3f} s"
        else:
            figure = case.wall / cases[target.peer].wall
            shown = f"{figure:.3f}x ({case.wall:.3f} s / {cases[target.peer].wall:.3f} s)"
        lines.append(f"| {target.label} | {shown} | {'yes' if figure <= target.limit else 'NO'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
