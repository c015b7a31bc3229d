"""Same turns, two versions of ``app/``: ``python -m bench.before_after REV``.

Exports ``app/`` at git revision ``REV`` (``git archive``) next to the working tree's, then
times the same add-item turns in a fresh interpreter for each, alternating A B A B … so both
see the same load on the shared machine. Writes ``bench/results/before_after.md``.

The child script uses only APIs both versions have (``run_turn``, ``CartCodec``, ``KeyRing``,
``load_menu``, under either module layout), and the carts come from the corpus as JSON, so the
comparison is of the code.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from bench import ROOT, Config, table, write_report
from bench.corpus import BENCH_KEYS, MENU_FILES, T0, corpus

ROUNDS = 5
CHILD = r"""
import json, sys, time
from pathlib import Path
from app.core import turn
try:  # the rooms of app/core (issue #22); before them, flat modules
    from app.core.token.codec import CartCodec
    from app.core.token.keys import KeyRing
except ImportError:
    from app.core.codec import CartCodec
    from app.core.keys import KeyRing
from app.core.menu import load_menu
spec = json.loads(sys.stdin.read())
codec = CartCodec(KeyRing.parse(spec["keys"]))
out = {}
for cart in spec["carts"]:
    menu = load_menu(Path(cart["menu"]))
    result = turn.run_turn(None, turn.NewCart(bytes(8)), menu, codec, spec["t0"])
    ops = [turn.AddItem(o["item"], o["quantity"], tuple(o["modifiers"]), o["notes"]) for o in cart["ops"]]
    for op in ops:
        result = turn.run_turn(result.token, op, menu, codec, spec["t0"])
    again = turn.AddItem(ops[0].item, 1, ops[0].modifiers, ops[0].notes)
    token, now = result.token, spec["t0"] + 60
    samples = []
    for _ in range(spec["repeat"]):
        start = time.thread_time_ns()
        for _ in range(spec["number"]):
            turn.run_turn(token, again, menu, codec, now)
        samples.append((time.thread_time_ns() - start) / spec["number"] / 1000)
    samples.sort()
    out[cart["label"]] = samples[len(samples) // 2]
print(json.dumps(out))
"""


def export_app(rev: str, into: Path) -> None:
    archive = subprocess.run(["git", "archive", rev, "app"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def child_spec(config: Config) -> dict[str, object]:
    carts = [c for c in corpus((1, 5, 50)) if c.menu_key == "uuid"]
    return {
        "keys": BENCH_KEYS,
        "t0": T0,
        "repeat": 5 if config.quick else 21,
        "number": 5 if config.quick else 40,
        "carts": [
            {
                "label": c.label,
                "menu": str(MENU_FILES[c.menu_key]),
                "ops": [
                    {"item": o.item, "quantity": o.quantity, "modifiers": list(o.modifiers), "notes": o.notes}
                    for o in c.ops
                ],
            }
            for c in carts
        ],
    }


def time_tree(tree: Path, spec: dict[str, object]) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=tree, input=json.dumps(spec), capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


def run(config: Config, rev: str) -> dict[str, list[float]]:
    spec = child_spec(config)
    rounds = 2 if config.quick else ROUNDS
    with tempfile.TemporaryDirectory(prefix="voicecart-before-") as tmp:
        export_app(rev, Path(tmp))
        trees = {"before": Path(tmp), "after": ROOT}
        samples: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
        for _ in range(rounds):
            for name, tree in trees.items():
                for label, us in time_tree(tree, spec).items():
                    samples[name].setdefault(label, []).append(us)
    labels = list(samples["after"])
    rows = []
    for label in labels:
        before, after = (statistics.median(samples[n][label]) for n in ("before", "after"))
        rows.append([label, before, after, f"{before / after:.2f}×"])
    sections = [
        f"CPU µs per add-item turn (median of {rounds} alternating runs, each the median of its batches): "
        f"`app/` at `{rev}` vs the working tree, same carts, same interpreter, same machine.",
        table(["cart", f"before ({rev})", "after", "speed-up"], rows),
    ]
    write_report(config, "before_after", "Hot path: before and after", f"python -m bench.before_after {rev}", sections)
    return {label: [samples["before"][label], samples["after"][label]] for label in labels}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.before_after", description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="git revision whose app/ is 'before'")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=Config().out)
    args = parser.parse_args(argv)
    run(Config(out=args.out, quick=args.quick), args.rev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
