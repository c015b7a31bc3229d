"""voicecart benchmarks: ``python -m bench`` runs them all and writes ``bench/results/``.

Shared helpers live here: where results go, Markdown tables, timing, and a line describing the
machine and its load (the machine is shared, so every result file records ``uptime``).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Config:
    """What every bench needs to know: where to write and how long to run."""

    out: Path = RESULTS
    quick: bool = False
    blind: bool = False  # bench matching: also score the blind split (aggregate rates only)

    def path(self, name: str) -> Path:
        self.out.mkdir(parents=True, exist_ok=True)
        return self.out / name


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unavailable"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPU(s)"


def machine_line() -> str:
    """One line for the top of every result file: what ran, where, under what load."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return f"{stamp}; Python {sys.version.split()[0]} on {platform.machine()} {platform.system()}; {load_average()}"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub Markdown table; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [all(_is_number(r[i]) for r in rows) if rows else False for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def table_of(rows: Sequence[dict[str, object]], columns: Sequence[str]) -> str:
    """:func:`table` of the named ``columns`` of dict ``rows``."""
    return table(columns, [[row[c] for c in columns] for row in rows])


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("|", "\\|")


def write_report(config: Config, name: str, title: str, command: str, sections: Sequence[str]) -> Path:
    """``bench/results/<name>.md``: title, how it was produced, on what machine, then the sections."""
    text = "\n\n".join([f"# {title}", f"`{command}` — {machine_line()}", *sections]) + "\n"
    path = config.path(f"{name}.md")
    path.write_text(text)
    print(text)
    return path


@dataclass(frozen=True)
class Timing:
    """Microseconds per call: wall clock, and CPU time of this thread (which excludes time the
    shared machine gave to other processes, and time spent waiting for another process)."""

    wall_us: float
    cpu_us: float


def measure_us(fn: Callable[[], object], *, repeat: int, number: int) -> Timing:
    """Medians over ``repeat`` batches of ``number`` calls."""
    fn()  # warm caches and lazy imports outside the timed region
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
        for _ in range(number):
            fn()
        cpus.append((time.thread_time_ns() - cpu) / number / 1000)
        walls.append((time.perf_counter_ns() - wall) / number / 1000)
    return Timing(statistics.median(walls), statistics.median(cpus))
