"""A throwaway PostgreSQL cluster from the server's own binaries: initdb, pg_ctl, a private port.

PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` system
user (created by Debian's package) and its commands run through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "PostgreSQL server binaries not found; install them with `apt-get install -y postgresql`"


class ServerUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    bin_dir: Path
    root: Path
    port: int
    run_as: str | None  # system user the server runs as, when we are root
    user: str = "txmix"
    database: str = "txmix"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, driver: str = "psycopg2") -> str:
        return f"postgresql+{driver}://{self.user}@127.0.0.1:{self.port}/{self.database}"

    @property
    def dsn(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ServerUnavailable(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data_dir), "-U", self.user, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-o", options, "-w", "-t", "60", "start")
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "-d", "postgres", "-c", f"CREATE DATABASE {self.database}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        except ServerUnavailable:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PgServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise ServerUnavailable(INSTALL_HINT)
    run_as = None
    root = Path(tempfile.mkdtemp(prefix="txmix-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise ServerUnavailable("running as root and there is no `postgres` user to run the server as") from None
        run_as = "postgres"
        os.chown(root, owner.pw_uid, owner.pw_gid)
        os.chmod(root, 0o755)
    server = PgServer(bin_dir=bin_dir, root=root, port=free_port(), run_as=run_as)
    try:
        server.start()
    except ServerUnavailable:
        server.stop()
        raise
    return server
