"""HTTP throughput: add-item turns per second and latency, voicecart vs the alternatives.

Same uvicorn, same machine, same run, 1 and 2 workers. The load generator is ``wrk`` (a
separate process) with a Lua script that sends voicecart's add-item body for the corpus's
5-line UUID-menu cart — with its token for voicecart, with a random ``Cart-Id`` of 5,000 seeded
carts for the stateful variants (every variant gets the header, so wrk does the same work):

* **voicecart** — ``python -m app serve`` exactly as shipped (access log, metrics and all);
* **voicecart core** / **Redis-backed** / **dict-backed** / **bare Starlette** — :mod:`bench.apps`
  under ``python -m uvicorn … --factory``: one route each, no middleware, same handler shape.

wrk runs one thread and 16 connections after a short warm-up. On a 2-core machine wrk itself
takes a share of the CPU, so absolute numbers are low; the ratios are the point.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.core.token.codec import CartCodec
from app.core.token.keys import KeyRing
from bench import ROOT, Config, load_average, table, write_report
from bench.apps import CART_ID_HEADER, PATH, SEEDED_CARTS, seed_redis
from bench.corpus import BENCH_KEYS, MENU_FILES, make_cart
from bench.redis_server import RedisServer
from tests.servers import free_port

CONNECTIONS = 16
ROUNDS = 3  # per variant and worker count, in alternating order
TARGET_VS_BARE = 0.8
TARGET_VS_REDIS = 1.5
VARIANTS = ("voicecart", "voicecart core", "Redis-backed", "dict-backed", "bare Starlette")
APP_FACTORIES = {
    "voicecart core": "token_app",
    "Redis-backed": "redis_app",
    "dict-backed": "dict_app",
    "bare Starlette": "bare_app",
}


class WrkMissing(RuntimeError):
    pass


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output: str) -> WrkResult:
    """The figures we keep from ``wrk --latency`` output."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return WrkResult(rate, p50, p99, total, errors)


def lua_script(body: dict[str, Any], token: str) -> str:
    return "\n".join(
        [
            'wrk.method = "POST"',
            f"wrk.body = {_lua_string(json.dumps(body))}",
            'wrk.headers["Content-Type"] = "application/json"',
            f'wrk.headers["Cart-Token"] = {_lua_string(token)}',
            "request = function()",
            f'  wrk.headers["{CART_ID_HEADER}"] = string.format("%016x", math.random(1, {SEEDED_CARTS}))',
            "  return wrk.format()",
            "end",
            "",
        ]
    )


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


class Server:
    """One variant under uvicorn, in its own process group, on a free loopback port."""

    def __init__(self, variant: str, workers: int, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        if variant == "voicecart":
            args = ["-m", "app", "serve", "--port", str(self.port), "--workers", str(workers)]
        else:
            factory = f"bench.apps:{APP_FACTORIES[variant]}"
            args = ["-m", "uvicorn", factory, "--factory", "--host", "127.0.0.1", "--port", str(self.port)]
            args += ["--workers", str(workers), "--log-level", "warning", "--no-access-log"]
        self.proc = subprocess.Popen(
            [sys.executable, *args],
            env=env,
            cwd=ROOT,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_healthy(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                if httpx.get(self.url("/healthz"), timeout=0.5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not become healthy")

    def cpu_seconds(self) -> float:
        """User + system CPU of every process in the server's group (uvicorn and its workers)."""
        return cpu_seconds(lambda pid, pgrp: pgrp == self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def cpu_seconds(wanted: Callable[[int, int], bool]) -> float:
    """User + system CPU so far of the processes for which ``wanted(pid, pgrp)`` (from /proc)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if wanted(int(stat.parent.name), int(fields[2])):
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_wrk(url: str, script: Path, seconds: int) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise WrkMissing("wrk is not installed: `apt-get install wrk`")
    args = [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", str(script), url]
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    return parse_wrk(out)


def check_response(server: Server, variant: str, path: str, body: dict[str, Any], token: str, lines: int) -> None:
    """One request by hand before the load: right status, right cart."""
    headers = {"Cart-Token": token, CART_ID_HEADER: "0000000000000001"}
    answer = httpx.post(server.url(path), json=body, headers=headers, timeout=10)
    if answer.status_code != 200 or len(answer.json()["cart"]["lines"]) != lines:
        raise RuntimeError(f"{variant}: unexpected answer {answer.status_code}: {answer.text[:300]}")


def measure(config: Config, work: Path) -> list[dict[str, Any]]:
    seconds, warmup = (1, 1) if config.quick else (10, 2)  # wrk takes whole seconds
    worker_counts = (1,) if config.quick else (1, 2)
    codec = CartCodec(KeyRing.parse(BENCH_KEYS))
    cart = make_cart("uuid", 5, codec, now=int(time.time()))
    op = cart.add_again()
    body = {"item": op.item, "quantity": op.quantity, "modifiers": list(op.modifiers)}
    if op.notes:
        body["notes"] = op.notes
    path = PATH.format(rid=cart.menu.restaurant_id)
    script = work / "add_item.lua"
    script.write_text(lua_script(body, cart.token))
    menu_dir = work / "menus"
    menu_dir.mkdir(exist_ok=True)
    shutil.copy(MENU_FILES["uuid"], menu_dir)
    rows: list[dict[str, Any]] = []
    with RedisServer() as redis_server:
        env = {
            **os.environ,
            "CART_KEYS": BENCH_KEYS,
            "CART_MENU_DIR": str(menu_dir),
            "CART_DATA_DIR": str(work / "data"),
            "BENCH_REDIS_URL": redis_server.url,
            "PYTHONPATH": str(ROOT),
        }
        rounds = 1 if config.quick else ROUNDS
        for workers in worker_counts:
            for n in range(rounds):  # A B C … then … C B A: drifting load hits every variant alike
                for variant in VARIANTS if n % 2 == 0 else VARIANTS[::-1]:
                    if variant == "Redis-backed":
                        seed_redis(redis_server.url, cart)
                    server = Server(variant, workers, env, work / "servers.log")
                    try:
                        server.wait_healthy()
                        check_response(server, variant, path, body, cart.token, cart.lines)
                        row = load_server(server, redis_server, script, path, (warmup, seconds))
                    finally:
                        server.stop()
                    rows.append({"variant": variant, "workers": workers, **row})
                    rate = row["result"].requests_per_s
                    print(f"{variant:16} {workers} worker(s): {rate:8.0f} req/s  ({row['load']})", flush=True)
    return combine(rows)


def load_server(
    server: Server, redis_server: RedisServer, script: Path, path: str, seconds: tuple[int, int]
) -> dict[str, Any]:
    """Warm up, then one measured wrk run; CPU of the server group and of redis-server per request."""
    warmup, measured = seconds
    run_wrk(server.url(path), script, warmup)
    load = load_average()
    redis_pid = redis_server.proc.pid if redis_server.proc else -1
    before = server.cpu_seconds(), cpu_seconds(lambda pid, _: pid == redis_pid)
    result = run_wrk(server.url(path), script, measured)
    after = server.cpu_seconds(), cpu_seconds(lambda pid, _: pid == redis_pid)
    app_us, redis_us = ((b - a) / max(result.requests, 1) * 1e6 for a, b in zip(before, after, strict=True))
    return {"result": result, "load": load, "cpu": app_us, "redis": redis_us}


def combine(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (variant, workers): medians over the rounds, requests and errors summed."""
    out = []
    for key in dict.fromkeys((r["variant"], r["workers"]) for r in rows):
        runs = [r for r in rows if (r["variant"], r["workers"]) == key]
        results = [r["result"] for r in runs]
        result = WrkResult(
            statistics.median(x.requests_per_s for x in results),
            statistics.median(x.p50_ms for x in results),
            statistics.median(x.p99_ms for x in results),
            sum(x.requests for x in results),
            sum(x.errors for x in results),
        )
        loads = [r["load"].split(" on ")[0].removeprefix("load average ").split(",")[0] for r in runs]
        out.append(
            {
                "variant": key[0],
                "workers": key[1],
                "result": result,
                "cpu": statistics.median(r["cpu"] for r in runs),
                "redis": statistics.median(r["redis"] for r in runs),
                "load": " / ".join(loads),
                "rounds": len(runs),
            }
        )
    return out


def ratios(rows: list[dict[str, Any]]) -> list[list[object]]:
    out: list[list[object]] = []
    for workers in sorted({r["workers"] for r in rows}):
        mine_rows = [r for r in rows if r["workers"] == workers]
        rate = {r["variant"]: r["result"].requests_per_s for r in mine_rows}
        cpu = {r["variant"]: r["cpu"] + r["redis"] for r in mine_rows}
        for mine in ("voicecart", "voicecart core"):
            for other, target in (("bare Starlette", TARGET_VS_BARE), ("Redis-backed", TARGET_VS_REDIS)):
                value, by_cpu = rate[mine] / rate[other], cpu[other] / max(cpu[mine], 1e-9)
                goal = f"≥ {target}×"
                out.append([workers, f"{mine} / {other}", goal, f"{value:.2f}×", _ok(value, target), f"{by_cpu:.2f}×"])
    return out


def _ok(value: float, target: float) -> str:
    return "met" if value >= target else "**missed**"


def run(config: Config) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="voicecart-bench-") as tmp:
        rows = measure(config, Path(tmp))
    columns = ["variant", "workers", "req/s", "p50 ms", "p99 ms", "server CPU µs/req", "redis-server CPU µs/req"]
    columns += ["requests", "errors", "load"]
    data = [
        [
            r["variant"],
            r["workers"],
            round(r["result"].requests_per_s),
            r["result"].p50_ms,
            r["result"].p99_ms,
            round(r["cpu"]),
            round(r["redis"]),
            r["result"].requests,
            r["result"].errors,
            r["load"],
        ]
        for r in rows
    ]
    sections = [
        f"Add-item turns on a 5-line UUID-menu cart; wrk -t1 -c{CONNECTIONS}, "
        f"{'1' if config.quick else '10'} s per run after a warm-up; uvicorn with httptools/uvloop. Each row is "
        f"the median of {rows[0]['rounds']} run(s), variants taking turns in alternating order. "
        "`errors` counts non-2xx answers and socket errors over all runs (must be 0). `server CPU µs/req` is the "
        "server processes' user+system CPU during the run divided by requests (from /proc; less "
        "sensitive to other load on the machine than req/s); `redis-server CPU` is what the Redis process "
        "spent per request meanwhile (the Redis variant's other half). `load` is the 1-minute load average "
        "just before each run.",
        table(columns, data),
        "Targets (req/s ratios; the last column compares server CPU per request instead — for Redis "
        "including redis-server — which the other load on this shared 2-core machine disturbs less):",
        table(["workers", "ratio", "goal", "req/s ratio", "status", "inverse CPU/req ratio"], ratios(rows)),
    ]
    write_report(config, "http", "HTTP throughput", "python -m bench http", sections)
    return rows
