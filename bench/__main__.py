"""``python -m bench [--quick] [--blind] [--out DIR] [BENCH …]`` — all by default (``--help`` names them).

Needs ``pip install -e '.[bench]'``; the codec and HTTP benches also need ``redis-server`` and
``wrk`` on PATH, the instruction counts ``valgrind`` (Debian: ``apt-get install redis-server wrk
valgrind``); the benches start what they need on loopback themselves. Results go to
``bench/results/`` (Markdown tables and PNG plots).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import RESULTS, Config


def benches() -> dict[str, Callable[[Config], Any]]:
    from bench import codec, growth, http, instructions, matching, payload, peers, profile

    return {
        "payload": payload.run,
        "growth": growth.run,
        "codec": codec.run,
        "instructions": instructions.run,
        "peers": peers.run,
        "profile": profile.run,
        "http": http.run,
        "matching": matching.run,
    }


def main(argv: Sequence[str] | None = None) -> int:
    names = list(benches())
    parser = argparse.ArgumentParser(prog="python -m bench", description="voicecart benchmarks")
    parser.add_argument("which", nargs="*", metavar="BENCH", help=f"any of {', '.join(names)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and 1-second loads (smoke test)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results directory (default: bench/results)")
    parser.add_argument("--blind", action="store_true", help="matching: also score the blind split (aggregate only)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.which) - set(names))
    if unknown:
        parser.error(f"unknown bench {', '.join(unknown)}; choose from {', '.join(names)}")
    config = Config(out=args.out, quick=args.quick, blind=args.blind)
    from bench.http import WrkMissing
    from bench.instructions import ValgrindMissing
    from bench.redis_server import RedisMissing

    failed = []
    for name in args.which or names:
        started = time.monotonic()
        print(f"== bench {name} ==", flush=True)
        try:
            benches()[name](config)
        except (RedisMissing, WrkMissing, ValgrindMissing) as exc:
            print(f"bench {name}: not run: {exc}", file=sys.stderr)
            failed.append(name)
        print(f"== bench {name}: {time.monotonic() - started:.0f} s ==", flush=True)
    if failed:
        print(f"not run: {', '.join(failed)} (see above for how to install what they need)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
