"""The shipped deploy/ files are valid: the systemd unit's command line is one `voicecart` accepts
(and systemd-analyze agrees, where installed); nginx.conf renders with our replicas and passes
`nginx -t` (it is also what every cluster test and the soak run behind)."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import build_parser
from tests.fleet import REPO, Nginx, render_site

UNIT = REPO / "deploy" / "voicecart@.service"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text())
    return parser


def test_the_unit_runs_voicecart_serve_on_its_instance_port() -> None:
    service = unit()["Service"]
    argv = shlex.split(service["ExecStart"].replace("%i", "8001"))
    assert Path(argv[0]).name == "voicecart"
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.host, args.port) == ("serve", "127.0.0.1", 8001)
    assert service["ExecReload"] == "/bin/kill -HUP $MAINPID"  # SIGHUP reloads menus
    assert service["EnvironmentFile"] == "/etc/voicecart/env"


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (optional: only checks the unit's syntax)")
    text = UNIT.read_text().replace("/opt/voicecart/venv/bin/voicecart", f"{sys.executable} -m app")
    copy = tmp_path / "voicecart@8001.service"
    copy.write_text(text)
    result = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True)
    problems = [
        line
        for line in result.stderr.splitlines()
        if "voicecart" in line and "User" not in line and "not executable" not in line
    ]
    assert problems == []


def test_nginx_conf_renders_with_every_replica_and_keeps_its_retry_policy() -> None:
    site = render_site([20001, 20002, 20003], 20080)
    assert [line.strip() for line in site.splitlines() if line.strip().startswith("server 127.0.0.1:")] == [
        f"server 127.0.0.1:{port} max_fails=0;" for port in (20001, 20002, 20003)
    ]
    assert "listen 127.0.0.1:20080;" in site
    assert "non_idempotent" in site  # replaying a turn is safe; see deploy/README.md


@pytest.mark.slow
def test_nginx_accepts_the_conf(tmp_path: Path) -> None:
    nginx = Nginx(tmp_path, [20001, 20002, 20003])
    check = subprocess.run(
        [nginx.binary, "-t", "-p", str(tmp_path), "-e", "stderr", "-c", str(nginx.conf)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
