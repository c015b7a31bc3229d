"""Coverage-guided fuzzing (atheris = libFuzzer for Python) of the codec and the request path.

    pip install atheris                              # in the [bench] extra
    python -m bench.fuzz_atheris                     # every target, 200,000 runs each -> bench/results/fuzz-atheris.md
    python -m bench.fuzz_atheris --runs 20000 --target payload

Targets (each in its own process; libFuzzer owns the process while it runs):

* ``token`` — arbitrary text as a token, seeded with genuine tokens. Anything but a
  ``TokenError`` is a crash; so is accepting any text that is not one of the seeds.
* ``payload`` — arbitrary bytes *signed with the real key* (flags from the first byte), so
  coverage guidance can dig into the zstd frame checks, msgpack limits and schema that the MAC
  hides from ``token``. Anything but a ``TokenError`` or a clean decode is a crash.
* ``request`` — method, route, token choice and body drawn from the input, through the whole
  ASGI app. A 5xx is a crash; so is a 2xx to a forged token on a route that verifies it.

:mod:`bench.fuzz` is the volume run (1,000,000 tokens); this one follows coverage.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["app"]):
    from app.core import turn
    from app.core.menu import load_menu
    from app.core.token.codec import HEADER_BYTES, CartCodec, b64decode_strict
    from app.core.token.keys import KeyRing
    from app.errors import TokenError
    from app.server.app import create_app
    from app.settings import Settings, bundled_menu_dir

from bench import Config, table, write_report
from tests.asgi import call
from tests.forge import mint

KEYS = "fuzz:" + "f" * 40
RID = "demo-burger"
NOW = 1_800_000_000
TARGETS = ("token", "payload", "request")
ROUTES = (
    ("GET", "/cart", True),
    ("DELETE", "/cart", True),
    ("POST", "/cart", False),
    ("POST", "/cart/items", True),
    ("PATCH", "/cart/items/1", True),
    ("DELETE", "/cart/items/2", True),
    ("POST", "/cart/checkout", True),
    ("POST", "/tools/add_to_order", True),
    ("GET", "/menu", False),
)


def genuine_tokens(codec: CartCodec) -> list[str]:
    menu = load_menu(bundled_menu_dir() / f"{RID}.json")
    token = turn.run_turn(None, turn.NewCart(b"\x05" * 8), menu, codec, NOW).token
    tokens = [token]
    for op in (
        turn.AddItem("bottled-water", 2),
        turn.AddItem("fries", 1, ("large", "cajun"), "extra crispy please"),
        turn.AddItem("cheeseburger", 1, ("medium", "cheddar", "bacon"), "cut in half, sauce on the side, thanks"),
    ):
        token = turn.run_turn(token, op, menu, codec, NOW).token
        tokens.append(token)
    return tokens


def child(target: str, libfuzzer_args: list[str]) -> None:
    codec = CartCodec(KeyRing.parse(KEYS))
    seeds = genuine_tokens(codec)
    app = None
    if target == "request":
        data_dir = Path(tempfile.mkdtemp(prefix="voicecart-atheris-"))
        app = create_app(Settings(keys_spec=KEYS, data_dir=data_dir), clock=lambda: float(NOW))

    def one_token(data: bytes) -> None:
        text = data.decode("latin-1")
        try:
            codec.decode(text, RID, NOW, ["9b2f1c3e-4d5a-4e6b-8c7d-0e1f2a3b4c5d"])
        except TokenError:
            return
        if text not in seeds:
            raise AssertionError(f"forged token accepted ({len(text)} characters)")

    def one_payload(data: bytes) -> None:
        if not data:
            return
        token = mint(codec, data[1:], restaurant_id=RID, issued_at=NOW, flags=data[0])
        try:
            codec.decode(token, RID, NOW)
        except TokenError:
            return

    def one_request(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        method, path, verifies = ROUTES[fdp.ConsumeIntInRange(0, len(ROUTES) - 1)]
        kind = fdp.ConsumeIntInRange(0, 2)  # genuine / fuzzed / none
        token = seeds[fdp.ConsumeIntInRange(0, len(seeds) - 1)]
        headers = [(b"content-type", b"application/json")]
        if kind == 1:
            token = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 200))
        if kind < 2 and token:
            headers.append((b"cart-token", token.encode("latin-1", "replace")))
        body = fdp.ConsumeBytes(fdp.remaining_bytes())
        reply = asyncio.run(call(app, method, f"/v1/restaurants/{RID}{path}", headers, [body]))
        if reply.status >= 500 or reply.status == 0:
            raise AssertionError(f"{reply.status} on {method} {path}: {reply.body[:200]!r}")
        forged = kind == 1 and bool(token) and token not in seeds
        if verifies and forged and reply.status < 300:
            raise AssertionError(f"forged token accepted on {method} {path}")

    corpus = Path(tempfile.mkdtemp(prefix=f"voicecart-atheris-{target}-"))
    for n, seed in enumerate(seeds):
        body = b64decode_strict(seed.split(".")[0])
        raw = {
            "token": seed.encode(),
            "payload": body[3:4] + body[HEADER_BYTES:],  # the flags byte (header offset 3), then the payload
            "request": bytes([3, 0, n]) + b'{"item": "fries", "modifiers": ["large"], "notes": "crispy"}',
        }[target]
        (corpus / f"seed{n}").write_bytes(raw)
    run = {"token": one_token, "payload": one_payload, "request": one_request}[target]
    atheris.Setup([sys.argv[0], *libfuzzer_args, str(corpus)], run)
    atheris.Fuzz()


DONE = re.compile(r"Done (\d+) runs in (\d+) second")
COVERAGE = re.compile(r"cov: (\d+) ft: (\d+)")


def parent(runs: int, targets: list[str], config: Config) -> bool:
    rows, ok = [], True
    for target in targets:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bench.fuzz_atheris", "--child", target, f"-runs={runs}", "-max_len=4200"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        seconds = time.perf_counter() - started
        log = done.stdout + done.stderr
        finished = DONE.search(log)
        coverage = COVERAGE.findall(log)
        crashed = done.returncode != 0
        ok = ok and not crashed
        rows.append(
            [
                target,
                int(finished.group(1)) if finished else 0,
                "0" if not crashed else "CRASH (see below)",
                int(coverage[-1][0]) if coverage else 0,
                int(coverage[-1][1]) if coverage else 0,
                round(seconds, 1),
            ]
        )
        if crashed:
            print(log[-4000:], file=sys.stderr)
    headers = ["target", "runs", "crashes / forged accepted / 5xx", "coverage edges", "features", "seconds"]
    command = f"python -m bench.fuzz_atheris --runs {runs}"
    write_report(config, "fuzz-atheris", "Coverage-guided fuzzing (atheris)", command, [table(headers, rows)])
    return ok


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200_000, help="libFuzzer runs per target")
    parser.add_argument("--target", choices=TARGETS, action="append", help="default: all")
    parser.add_argument("--out", type=Path, help="where fuzz-atheris.md goes (default bench/results)")
    args = parser.parse_args()
    config = Config(out=args.out) if args.out else Config()
    return 0 if parent(args.runs, args.target or list(TARGETS), config) else 1


if __name__ == "__main__":
    sys.exit(main())
