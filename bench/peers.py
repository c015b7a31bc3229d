"""Instructions per add-item turn against cart size: voicecart and the usual ways of keeping a cart.

Every variant runs the same turn (one more of the cart's first line, :meth:`CorpusCart.add_again`)
with the same :func:`app.core.turn.apply` and :func:`app.core.cart.pricing.price_cart`, on the
corpus's UUID-menu carts of 1 to 50 lines; what differs is how the cart comes in and goes out:

* **voicecart**: token in → token out (:func:`app.core.turn.run_turn`), a token minted by another
  replica (no cache hit);
* **Redis-backed**: ``GET`` + JSON + turn + JSON + ``SET … EX 1800`` on a local redis-server
  through redis-py (the client's work; redis-server's own is not counted);
* **Starlette session**: the cookie ``SessionMiddleware`` writes (base64 JSON, itsdangerous
  ``TimestampSigner``), unsigned with its ``max_age``, read, turned, written and signed again;
* **Django signed cookie**: ``signing.loads``/``signing.dumps(compress=True)`` with the
  ``signed_cookies`` session backend's salt and its JSON serializer;
* **PyJWT**: an HS256 JWT with ``iat``/``exp``, decoded (signature and expiry checked) and
  encoded again;
* **dict**: the cart kept in-process (the floor: no carrying at all).

The carts are one UUID-menu order grown line by line (its first 1, 5, … 50 lines, as
:mod:`bench.growth` grows it), so the turn is the same add at every size. The cookie and JWT
variants carry the cart's natural JSON (:func:`bench.corpus.natural_json`), as
in :mod:`bench.payload`. Counted with callgrind as in :mod:`bench.instructions`: one valgrind run
per variant, one dump per cart size (``--dump-after``), only inside ``functools.reduce``.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core import turn
from bench import ROOT, Config, table, write_report
from bench.corpus import CorpusCart, bench_codec, build, from_natural_json, hash_seed, line_ops, menus, natural_json
from bench.instructions import ValgrindMissing
from bench.payload import SECRET, django_encoder
from bench.redis_server import RedisServer
from bench.stores import dict_turn, dumps, redis_turn, server_side_turn

VARIANTS = ("voicecart", "Redis-backed", "Starlette session", "Django signed cookie", "PyJWT", "dict")
SIZES = (1, 5, 10, 20, 30, 40, 50)
QUICK_SIZES = (1, 50)  # --quick (the smoke test): the ends of the curve, two valgrind runs per variant
OPERATIONS = 200
TTL_SECONDS = 1800

Turn = Callable[[], object]


def grown_cart(lines: int, now: int | None = None) -> CorpusCart:
    """The first ``lines`` lines of one 50-line UUID-menu order (a note every 4th line), minted at ``now``."""
    menu = menus()["uuid"]
    ops = line_ops(menu, max(SIZES), seed=hash_seed("uuid", 99))[:lines]
    result = build(menu, ops, bench_codec(), cart_no=lines, **({"now": now} if now is not None else {}))
    return CorpusCart("uuid", lines, menu, result.token, result.state, tuple(ops))


def _cookie_turn(
    cookie: str, read: Callable[[str], dict[str, Any]], write: Callable[[dict[str, Any]], str], cart: CorpusCart
) -> Turn:
    """A cart carried in a signed cookie: read it, turn, write the next one."""
    op, menu = cart.add_again(), cart.menu

    def one() -> str:
        now = int(time.time())
        state = from_natural_json(read(cookie)["cart"], menu, now)
        priced, _ = server_side_turn(state, op, menu, now)
        return write({"cart": natural_json(priced.state, menu)})

    return one


def starlette_turn(cart: CorpusCart) -> Turn:
    from itsdangerous import TimestampSigner

    signer = TimestampSigner(SECRET)  # as starlette.middleware.sessions.SessionMiddleware does

    def write(session: dict[str, Any]) -> str:
        return signer.sign(base64.b64encode(json.dumps(session).encode())).decode()

    def read(cookie: str) -> dict[str, Any]:
        return json.loads(base64.b64decode(signer.unsign(cookie.encode(), max_age=TTL_SECONDS)))

    return _cookie_turn(write({"cart": natural_json(cart.state, cart.menu)}), read, write, cart)


def django_turn(cart: CorpusCart) -> Turn:
    django_encoder()  # configures settings
    from django.core import signing

    salt = "django.contrib.sessions.backends.signed_cookies"

    def write(session: dict[str, Any]) -> str:
        return signing.dumps(session, compress=True, salt=salt, serializer=signing.JSONSerializer)

    def read(cookie: str) -> dict[str, Any]:
        return signing.loads(cookie, salt=salt, serializer=signing.JSONSerializer, max_age=TTL_SECONDS)

    return _cookie_turn(write({"cart": natural_json(cart.state, cart.menu)}), read, write, cart)


def jwt_turn(cart: CorpusCart) -> Turn:
    import jwt

    def write(session: dict[str, Any]) -> str:
        now = int(time.time())
        return jwt.encode({**session, "iat": now, "exp": now + TTL_SECONDS}, SECRET, algorithm="HS256")

    def read(token: str) -> dict[str, Any]:
        return jwt.decode(token, SECRET, algorithms=["HS256"])

    return _cookie_turn(write({"cart": natural_json(cart.state, cart.menu)}), read, write, cart)


def voicecart_turn(cart: CorpusCart) -> Turn:
    codec, op = bench_codec(), cart.add_again()
    token = grown_cart(cart.lines, now=int(time.time())).token  # minted "by another replica"
    return lambda: turn.run_turn(token, op, cart.menu, codec, int(time.time()))


def redis_backed_turn(cart: CorpusCart) -> Turn:
    import redis

    client = redis.Redis.from_url(os.environ["BENCH_REDIS_URL"])
    src, dst = f"cart:{cart.label}", f"cart:{cart.label}:next"
    client.set(src, dumps(cart.state, cart.menu), ex=TTL_SECONDS)
    op = cart.add_again()
    return lambda: redis_turn(client, src, dst, op, cart.menu, int(time.time()))


def dict_backed_turn(cart: CorpusCart) -> Turn:
    store, op = {"a": cart.state}, cart.add_again()
    return lambda: dict_turn(store, "a", "b", op, cart.menu, int(time.time()))


TURNS: dict[str, Callable[[CorpusCart], Turn]] = {
    "voicecart": voicecart_turn,
    "Redis-backed": redis_backed_turn,
    "Starlette session": starlette_turn,
    "Django signed cookie": django_turn,
    "PyJWT": jwt_turn,
    "dict": dict_backed_turn,
}


# --- the child: every size of one variant, one counted reduce each ------------------------------


def child(variant: str, sizes: list[int], count: int) -> None:
    for lines in sizes:
        operation = TURNS[variant](grown_cart(lines))
        for _ in range(20):  # warm: lazy imports, caches, first-call paths
            operation()
        functools.reduce(lambda _, __: operation(), range(count), None)  # counted, then dumped


def per_turn(variant: str, sizes: tuple[int, ...], count: int, redis_url: str) -> dict[int, int]:
    """Instructions per turn of ``variant`` at each cart size (one valgrind run, one dump per size)."""
    with tempfile.TemporaryDirectory(prefix="voicecart-peers-") as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=functools_reduce",
            "--dump-after=functools_reduce",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "bench.peers",
            "--child",
            variant,
            ",".join(map(str, sizes)),
            str(count),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT), "BENCH_REDIS_URL": redis_url}
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"valgrind run of {variant!r} failed:\n{done.stderr[-2000:]}")
        totals = []
        for dump in sorted(Path(tmp).glob("callgrind.out.*"), key=lambda p: int(p.name.rsplit(".", 1)[1])):
            found = re.search(r"^totals:\s*(\d+)", dump.read_text(), re.MULTILINE)
            if found and int(found.group(1)) > 0:
                totals.append(int(found.group(1)))
    if len(totals) != len(sizes):
        raise RuntimeError(f"{variant}: {len(totals)} dumps for {len(sizes)} sizes")
    return {lines: round(total / count) for lines, total in zip(sizes, totals, strict=True)}


def slope(points: dict[int, int]) -> float:
    """Least-squares instructions per extra line."""
    xs, ys = list(points), list(points.values())
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def plot(curves: dict[str, dict[int, int]], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5))
    for variant, points in curves.items():
        style = {"linestyle": "--", "color": "grey"} if variant == "dict" else {}
        width = 2.6 if variant == "voicecart" else 1.4
        label = "dict (in-process, the floor)" if variant == "dict" else variant
        ax.plot(list(points), [n / 1000 for n in points.values()], marker="o", linewidth=width, label=label, **style)
    ax.set_xlabel("cart lines (UUID menu)")
    ax.set_ylabel("thousand instructions per add-item turn")
    ax.set_title("Cost of one add-item turn against cart size (callgrind)")
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(config: Config) -> dict[str, dict[int, int]]:
    if shutil.which("valgrind") is None:
        raise ValgrindMissing("valgrind is not installed (Debian: apt-get install valgrind)")
    sizes = QUICK_SIZES if config.quick else SIZES
    count = 10 if config.quick else OPERATIONS
    curves = {}
    with RedisServer() as redis_server:
        for variant in VARIANTS:
            curves[variant] = per_turn(variant, sizes, count, redis_server.url)
            print(f"{variant:22} {curves[variant]}", flush=True)
    mine = curves["voicecart"]
    peers = [v for v in VARIANTS if v not in ("voicecart", "dict")]
    rows = [[v, *curves[v].values(), round(slope(curves[v]))] for v in VARIANTS]
    ratio_rows = [[v, *(curves[v][n] / mine[n] for n in sizes)] for v in peers]
    sections = [
        f"Instructions per add-item turn (one more of the first line), counted by valgrind (callgrind) over "
        f"{count} turns per size, only inside the loop that runs them, on one UUID-menu order grown line by line. "
        "Every variant runs the same apply and reprice; they differ in how the cart comes in and goes out "
        "(see `bench/peers.py`). Redis-backed counts the client's work only.",
        table(["variant", *(f"{n} lines" for n in sizes), "per extra line"], rows),
        "Each peer ÷ voicecart at the same size (above 1: voicecart needs fewer instructions):",
        table(["peer", *(f"{n} lines" for n in sizes)], ratio_rows),
        "![instructions per turn against cart size](peers.png)",
    ]
    plot(curves, str(config.path("peers.png")))
    write_report(
        config,
        "peers",
        "Instructions per turn against cart size: voicecart and peers",
        "python -m bench peers",
        sections,
    )
    return curves


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], [int(n) for n in sys.argv[3].split(",")], int(sys.argv[4]))
    else:
        run(Config())
