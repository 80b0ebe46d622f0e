"""Starting and stopping irumd for the scripts that drive it (eval-romanization, eval-matching,
table-diff): on 127.0.0.1:0, with the address read from its first line, stopped with SIGTERM
(then SIGKILL) whatever happens. Not a program: imported by those scripts.

    with Server(irumd_path, tables="tables", prog="eval-matching") as server:
        use(server.address)
"""
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Where scripts/build put the binaries: $IRUM_BUILD_DIR (relative to the repository root, or
# absolute), else build/.
BUILD_DIR = os.environ.get("IRUM_BUILD_DIR", "build")


def built(*parts):
    """The path of a built file, e.g. built("server", "irumd")."""
    return os.path.join(ROOT, BUILD_DIR, *parts)
START_TIMEOUT = 60  # seconds for irumd to print its "serving" line
STOP_TIMEOUT = 15  # seconds after SIGTERM before SIGKILL


class SetupError(Exception):
    pass


class Server:
    """irumd on 127.0.0.1:0 serving `tables` (relative to the repository root unless absolute)."""

    BANNER = re.compile(r"irumd: serving .* on (\S+)\s*$")

    def __init__(self, irumd, tables="tables", prog="irumd_harness"):
        self.irumd = irumd
        self.tables = tables
        self.prog = prog
        self.proc = None
        self.log = tempfile.TemporaryFile()
        self.lines = queue.Queue()
        self.address = None
        self.banner = None

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def _start(self):
        self.proc = subprocess.Popen(
            [self.irumd, "--listen=127.0.0.1:0", "--tables=" + self.tables], cwd=ROOT,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log)
        threading.Thread(target=self._read_stdout, daemon=True).start()
        try:
            line = self.lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            raise SetupError("irumd printed nothing in %ds%s" % (START_TIMEOUT, self.log_tail()))
        if line is None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            raise SetupError("irumd exited (status %s) before serving%s"
                             % (self.proc.returncode, self.log_tail()))
        match = self.BANNER.match(line)
        if not match:
            raise SetupError("unexpected first line from irumd: %r" % line)
        self.address, self.banner = match.group(1), line.strip()

    def _read_stdout(self):
        for line in self.proc.stdout:
            self.lines.put(line.decode("utf-8", "replace"))
        self.lines.put(None)

    def log_tail(self):
        self.log.seek(0)
        text = self.log.read().decode("utf-8", "replace").strip()
        return (":\n" + "\n".join(text.splitlines()[-15:])) if text else ""

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            print("%s: irumd did not stop in %ds after SIGTERM; killing it"
                  % (self.prog, STOP_TIMEOUT), file=sys.stderr)
            self.proc.kill()
            self.proc.wait(timeout=5)
