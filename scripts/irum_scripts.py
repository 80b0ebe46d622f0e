"""What the scripts share (imported by them; not a program).

- A running irumd: on 127.0.0.1:0, with the address read from its first line, stopped with
  SIGTERM (then SIGKILL) whatever happens; `built()` finds the binaries.

      with Server(irumd_path, tables="tables", prog="eval-matching") as server:
          use(server.address)

- Tables: `rows()` reads a TSV file of tables/ or ../shared/data (comments and blank lines
  skipped, a dict per row); `is_hangul()`; `two_syllable_surnames()` of tables/surnames.tsv;
  `set_parameters()` writes rows of tables/name_model.tsv (the fitting scripts' parameters) and
  keeps the others, `with_parameters()` says what that would write.
- Data: `evaluation_persons()` and `training_persons()`, the Hangul names of the evaluation set
  (never fitted on) and of the training files (never scored).
- Reports: `table()` lays out a plain-text table (Hangul counts two columns), `pct()` a share.
- Progress: `Progress` keeps a line on stderr up to date during long work when stderr is a
  terminal, and prints nothing when it is not (a pipe, a file, ctest).

      with Progress("eval-matching", "ToHangul", total=len(items)) as progress:
          for item in items: ...; progress.advance()
"""
import io
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata

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
    """irumd on 127.0.0.1:0 serving `tables` (relative to the repository root unless absolute),
    with more flags `args`, under the command `prefix` when one is given."""

    BANNER = re.compile(r"irumd: serving .* on (\S+)\s*$")

    def __init__(self, irumd, tables="tables", prog="irum_scripts", args=(), prefix=()):
        self.irumd = irumd
        self.tables = tables
        self.args = list(args)      # More irumd flags.
        self.prefix = list(prefix)  # A command irumd runs under (taskset -c 0).
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
            self.prefix + [self.irumd, "--listen=127.0.0.1:0", "--tables=" + self.tables]
            + self.args, cwd=ROOT,
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


# --------------------------------------------------------------------------------------------
# Tables and reports

def rows(path):
    """The rows of a TSV file as dicts by its header (the first line that is not a comment);
    lines starting with # and blank lines are skipped."""
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t")))


def with_parameters(text, params, replace_prefix=None):
    """The text of a parameter table (header `parameter value note`, such as tables/name_model.tsv)
    with `params` ({name: (value, note)}) in place of the rows of the same names and of every row
    whose name starts with `replace_prefix`; the other rows and the comments kept, the rows sorted
    by name (as UTF-8 bytes)."""
    kept = []
    for line in io.StringIO(text, newline="\n"):  # Lines end at \n only, as a file reads them.
        name = line.split("\t", 1)[0]
        if name not in params and not (replace_prefix and name.startswith(replace_prefix)):
            kept.append(line)
    header_at = next(i for i, l in enumerate(kept) if l.startswith("parameter\t"))
    body = [l for l in kept[header_at + 1:] if l.strip()]
    body += [f"{name}\t{value}\t{note}\n" for name, (value, note) in params.items()]
    body.sort(key=lambda l: l.split("\t")[0].encode("utf-8"))
    return "".join(kept[: header_at + 1] + body)


def set_parameters(path, params, replace_prefix=None):
    """Writes `params` ({name: (value, note)}) into the parameter table at `path` (as
    with_parameters says), in place."""
    with open(path, encoding="utf-8") as f:
        text = with_parameters(f.read(), params, replace_prefix)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def is_hangul(s):
    """True when `s` is one or more Hangul syllables and nothing else."""
    return bool(s) and all(0xAC00 <= ord(c) <= 0xD7A3 for c in s)


def two_syllable_surnames(tables):
    """The surnames of two syllables in tables/surnames.tsv, in both forms (남궁, 황보)."""
    return {form for r in rows(os.path.join(tables, "surnames.tsv"))
            for form in (r["hangul"], r["north"]) if len(form) == 2}


def _hangul_names(paths):
    out = set()
    for path in paths:
        if os.path.exists(path):
            out |= {r["hangul"].replace(" ", "") for r in rows(path) if "hangul" in r}
    return out


def evaluation_persons(data):
    """The Hangul names (spaces removed) of the evaluation set's persons (names/persons.tsv of
    ../shared/data): the fitting scripts leave them out of every source but train/."""
    return _hangul_names([os.path.join(data, "names", "persons.tsv")])


TRAINING_NAME_FILES = ("assembly20.tsv", "kpop_idols.tsv")


def training_persons(data):
    """The Hangul names (spaces removed) of the people of the training files (train/names of
    ../shared/data), which the models are fitted on: the evaluation scripts do not score them."""
    return _hangul_names([os.path.join(data, "train", "names", f) for f in TRAINING_NAME_FILES])


def cell_width(text):
    """Columns a terminal gives `text`: Hangul and Hanja take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(header, body, align=None):
    """A plain-text table: a header line, a rule, the rows; columns padded to their widest cell,
    the first left-aligned and the others right-aligned unless `align` ("<" or ">" per column)."""
    cells = [[str(c) for c in r] for r in [header] + body]
    widths = [max(cell_width(r[i]) for r in cells) for i in range(len(header))]
    align = align or ["<"] + [">"] * (len(header) - 1)

    def line(row):
        padded = []
        for cell, a, w in zip(row, align, widths):
            pad = " " * (w - cell_width(cell))
            padded.append(pad + cell if a == ">" else cell + pad)
        return "  ".join(padded).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths)] +
                     [line(r) for r in cells[1:]])


def pct(n, d):
    """n of d as a percentage with one decimal, or n/a."""
    return "%.1f%%" % (100.0 * n / d) if d else "n/a"


# --------------------------------------------------------------------------------------------
# Progress

class Progress:
    """A progress line on stderr ("eval-matching: ToHangul 1200/3400 (35%), 12 s"), redrawn in
    place at most every PERIOD seconds and cleared at the end, when `stream` is a terminal;
    nothing at all otherwise. `total` may be None (unknown)."""

    PERIOD = 0.2  # seconds between redraws

    def __init__(self, prog, what, total=None, stream=None):
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty()
        self.prog, self.what, self.total = prog, what, total
        self.done = 0
        self.start = time.monotonic()
        self.drawn = 0.0

    def __enter__(self):
        self._draw(force=True)
        return self

    def __exit__(self, *exc):
        self.clear()
        return False

    def advance(self, n=1, what=None):
        """Counts `n` more units done (and renames the work when `what` is given)."""
        self.done += n
        if what is not None:
            self.what = what
        self._draw()

    def set(self, done, total=None, what=None):
        """Sets the units done (and the total, the work's name)."""
        self.done = done
        if total is not None:
            self.total = total
        if what is not None:
            self.what = what
        self._draw()

    def clear(self):
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _draw(self, force=False):
        now = time.monotonic()
        if not self.active or (not force and now - self.drawn < self.PERIOD):
            return
        self.drawn = now
        count = "%d/%d (%d%%)" % (self.done, self.total, 100 * self.done // self.total) \
            if self.total else "%d" % self.done
        self.stream.write("\r\033[K%s: %s %s, %d s" % (self.prog, self.what, count,
                                                         now - self.start))
        self.stream.flush()


def run_with_progress(argv, lines, prog, what, timeout, total=None, cwd=ROOT):
    """Runs `argv` with `lines` on its stdin, one per line, and waits for it, as subprocess.run
    with capture_output would; meanwhile a Progress line counts the lines it has written (out of
    `total`, by default one per input line). Returns (returncode, stdout, stderr) as text;
    raises subprocess.TimeoutExpired after `timeout` seconds (the process killed)."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=cwd)
    payload = "".join(l + "\n" for l in lines).encode("utf-8")
    err = []

    def feed():
        try:
            proc.stdin.write(payload)
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    threads = [threading.Thread(target=feed, daemon=True),
               threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)]
    for t in threads:
        t.start()
    expired = []

    def expire():
        expired.append(True)
        proc.kill()

    timer = threading.Timer(timeout, expire)
    timer.start()
    out = []
    try:
        with Progress(prog, what, total=len(lines) if total is None else total) as progress:
            for line in proc.stdout:
                out.append(line)
                progress.advance()
        proc.wait()
    finally:
        timer.cancel()
    for t in threads:
        t.join(timeout=5)
    if expired:
        raise subprocess.TimeoutExpired(argv, timeout)
    return (proc.returncode, b"".join(out).decode("utf-8", "replace"),
            b"".join(err).decode("utf-8", "replace"))


def ask_irum(irum, address, args, lines, prog, timeout=900):
    """irum's JSON answers, one per line of `lines` (on its stdin), to `irum --server=ADDRESS
    ARGS... --json`, with a progress line on a terminal; SetupError when it answers fewer or more."""
    _, stdout, stderr = run_with_progress([irum, "--server=" + address] + list(args) + ["--json"],
                                          lines, prog, "irum " + " ".join(args), timeout=timeout)
    answers = [l for l in stdout.splitlines() if l.strip()]
    if len(answers) != len(lines):
        raise SetupError("irum %s answered %d of %d: %s"
                         % (" ".join(args), len(answers), len(lines), stderr[:500]))
    return [json.loads(l) for l in answers]

