"""Profile the hot path with pyinstrument: many add-item turns on a 5-line UUID-menu cart.

Writes ``bench/results/profile.txt`` (the call tree, time per frame) so a change to the codec,
pricing or cart code can be checked against where the time actually goes.
"""

from __future__ import annotations

from app import turn
from bench import Config
from bench.corpus import T0, bench_codec, make_cart


def run(config: Config, lines: int = 5, turns: int = 20_000) -> str:
    from pyinstrument import Profiler

    codec = bench_codec()
    cart = make_cart("uuid", lines, codec)
    op = cart.add_again()
    turns = 500 if config.quick else turns
    profiler = Profiler(interval=0.0001)
    with profiler:
        for _ in range(turns):
            turn.run_turn(cart.token, op, cart.menu, codec, T0 + 5)
    text = profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False)
    header = f"python -m bench profile  ({turns} add-item turns on the {lines}-line UUID-menu cart)\n"
    config.path("profile.txt").write_text(header + text)
    print(header + text)
    return text
