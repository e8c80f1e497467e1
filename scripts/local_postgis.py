"""A private PostgreSQL + PostGIS server (a cluster of its own), for the tests and ``make demo-postgis``.

:class:`PostgisServer` makes a cluster with ``initdb`` in a folder (by default a new one under the
temporary directory), starts it with ``pg_ctl`` on a free TCP port of 127.0.0.1 (trust
authentication, its socket in its own folder, so it touches no other server of the machine) and
removes it all in :meth:`PostgisServer.remove`. PostgreSQL refuses to run as root, so as root the
server runs as the system user ``postgres`` (Debian's ``postgresql`` package makes it) through
``runuser``. This is a developer's server, not a bureau's: see the README (A bureau's shared
store) for a real one.

When the server cannot be made (packages missing, initdb refused) :meth:`PostgisServer.start`
raises :class:`ServerError` with what failed and the server's log.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"  # the bootstrap superuser of the cluster (initdb -U)


class ServerError(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise ServerError("PostgreSQL's initdb is not installed: install the Debian packages postgresql and postgis "
                      "(make deps does)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgisServer:
    def __init__(self, root: Path | None = None):
        self.bin = _bin_dir()
        if root is not None:
            Path(root).mkdir(parents=True, exist_ok=True)
        self.root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="rifa-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.user = None  # the system user the server runs as
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise ServerError("running as root, and there is no system user 'postgres' to run PostgreSQL as "
                                  "(install the Debian package postgresql)") from None
            self.user = "postgres"
            shutil.chown(self.root, "postgres")
        self.running = False

    # -- commands as the server's user
    def _run(self, *command, check=True, timeout=120) -> subprocess.CompletedProcess:
        argv = [str(self.bin / command[0]), *map(str, command[1:])]
        if self.user:
            argv = ["runuser", "-u", self.user, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.root)
        if check and done.returncode != 0:
            raise ServerError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
                              + self._log_tail())
        return done

    def _log_tail(self) -> str:
        try:
            return "\nserver log:\n" + self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    # -- life
    def start(self) -> PostgisServer:
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", self.data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                      "--locale=C.UTF-8", "--no-sync")
            # fast, but safe against a stop -m immediate (no synchronous_commit = off: that loses the last commits)
            with open(self.data / "postgresql.conf", "a") as conf:
                conf.write("\nlisten_addresses = '127.0.0.1'\n"
                           f"unix_socket_directories = '{self.data}'\nmax_connections = 60\n"
                           "shared_buffers = 32MB\nfsync = off\nfull_page_writes = off\n")
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", f"-p {self.port}", "-w", "-t", "60", "start")
        self.running = True
        return self

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)
            self.running = False

    def remove(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- clients
    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user}"

    def connect(self, dbname: str = "postgres", user: str = SUPERUSER, autocommit: bool = True):
        import psycopg2

        connection = psycopg2.connect(self.conninfo(dbname, user), connect_timeout=10)
        connection.autocommit = autocommit
        return connection

    def create_database(self, name: str) -> str:
        """A new database with PostGIS; returns its conninfo."""
        admin = self.connect()
        try:
            admin.cursor().execute(f'CREATE DATABASE "{name}"')
        finally:
            admin.close()
        connection = self.connect(name)
        try:
            connection.cursor().execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except Exception as error:
            raise ServerError(f"PostGIS is not installed for this PostgreSQL ({error}): install the Debian package "
                              "postgis") from None
        finally:
            connection.close()
        return self.conninfo(name)

    def wait_until_down(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while (self.data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
