"""The release artefact works on its own: ``python -m build`` makes an sdist and a wheel from a copy
of the source tree, the wheel installs into a fresh venv, and that install's ``voicecart`` reports
the pyproject version and serves the bundled demo menu (package data: menus, the zstd dictionary,
the demo page) on loopback — with no checkout on its import path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import httpx
import pytest

from app.cli.main import main
from tests.conftest import DEMO, TEST_KEYS
from tests.fleet import REPO
from tests.servers import ServerProcess

PYPROJECT_VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
WHEEL_SOURCES = ("pyproject.toml", "README.md", "app")  # all a build needs; the Dockerfile copies the same


def test_version_flag_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"voicecart {PYPROJECT_VERSION}"


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{argv} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.mark.slow
def test_built_wheel_installs_into_a_fresh_venv_and_serves(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy: the build writes egg-info, and must not need anything else
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, source / name)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)])  # sdist, then the wheel from it
    wheels = list(dist.glob("voicecart-*.whl"))
    assert [w.name for w in wheels] == [f"voicecart-{PYPROJECT_VERSION}-py3-none-any.whl"]
    assert len(list(dist.glob("voicecart-*.tar.gz"))) == 1
    in_wheel = set(zipfile.ZipFile(wheels[0]).namelist())
    in_source = {p.relative_to(source).as_posix() for p in (source / "app").rglob("*") if p.is_file()}
    assert sorted(in_source - in_wheel) == []  # every module, menu, dictionary and static file ships

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    bin_dir = venv / "bin"
    env = {"PYTHONPATH": "", "CART_KEYS": TEST_KEYS, "CART_DATA_DIR": str(tmp_path / "data")}
    clean_env = {**os.environ, **env}
    # the install too: a checkout on PYTHONPATH (its voicecart.egg-info) made pip skip the wheel as installed
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheels[0])]
    _run(pip, env=clean_env, cwd=tmp_path)
    where = _run([str(bin_dir / "python"), "-c", "import app; print(app.__file__)"], env=clean_env, cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the wheel's copy, not this checkout
    version = _run([str(bin_dir / "voicecart"), "--version"], env=clean_env, cwd=tmp_path)
    assert version.stdout.strip() == f"voicecart {PYPROJECT_VERSION}"

    with ServerProcess(env, command=(str(bin_dir / "voicecart"),), log_path=tmp_path / "serve.log") as server:
        assert httpx.get(f"{server.url}/healthz").status_code == 200
        menu = httpx.get(f"{server.url}/v1/restaurants/{DEMO}/menu")
        assert menu.status_code == 200 and menu.json()["restaurant_id"] == DEMO and menu.json()["items"]
        base = f"{server.url}/v1/restaurants/{DEMO}/cart"
        token = httpx.post(base).json()["cart_token"]
        added = httpx.post(f"{base}/items", headers={"Cart-Token": token}, json={"item": "mexican coke", "quantity": 3})
        assert added.status_code == 200, added.text
        assert added.json()["cart"]["item_count"] == 3
        page = httpx.get(f"{server.url}/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
