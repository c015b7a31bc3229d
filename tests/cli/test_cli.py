from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import main
from app.core import turn
from app.core.menu import load_menu
from app.core.token.codec import CartCodec
from app.core.token.keys import KeyRing
from app.settings import Settings, bundled_menu_dir
from tests.conftest import DEMO_MENU_FILE, TEST_KEYS


def test_keys_new(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "new", "--kid", "2027a"]) == 0
    spec = capsys.readouterr().out.strip()
    assert KeyRing.parse(spec).signing.kid == "2027a"


def test_menu_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["menu", "check", str(DEMO_MENU_FILE)]) == 0
    assert "demo-burger" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    doc = json.loads(DEMO_MENU_FILE.read_text())
    doc["items"][2]["price_cents"] = "12.99"
    bad.write_text(json.dumps(doc))
    assert main(["menu", "check", str(bad)]) == 1
    assert "items[2].price_cents: must be an integer" in capsys.readouterr().err


def _token(now: int) -> str:
    codec = CartCodec(KeyRing.parse(TEST_KEYS))
    menu = load_menu(DEMO_MENU_FILE)
    r = turn.run_turn(None, turn.NewCart(b"12345678"), menu, codec, now)
    return turn.run_turn(r.token, turn.AddItem("mexican coke", 2), menu, codec, now).token


def test_token_inspect_and_keys_show(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    monkeypatch.setenv("CART_KEYS", TEST_KEYS)
    monkeypatch.delenv("CART_MENU_DIR", raising=False)
    token = _token(int(time.time()))
    assert main(["token", "inspect", token]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["kid"] == "test1"
    assert data["cart"]["lines"][0]["quantity"] == 2
    assert "t" * 40 not in out  # never a secret
    assert main(["keys", "show", token]) == 0
    assert json.loads(capsys.readouterr().out)["kid"] == "test1"


def test_token_inspect_expired(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CART_KEYS", TEST_KEYS)
    monkeypatch.delenv("CART_MENU_DIR", raising=False)
    token = _token(1_700_000_000)
    assert main(["token", "inspect", token]) == 1
    assert "token_expired" in capsys.readouterr().err
    assert main(["token", "inspect", "--ignore-expiry", token]) == 0


def test_production_without_keys_refuses_to_start(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CART_ENV": "production", "CART_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "app", "serve"], env=env, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert "CART_KEYS" in r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "app", "serve"],
        env={**env, "CART_KEYS": "k:short"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 2 and "at least 32" in r.stderr


def _voicecart(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command line, run from this checkout, with a clean environment."""
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CART_DATA_DIR": str(tmp_path)}
    base["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    return subprocess.run(
        [sys.executable, "-m", "app", *args], env={**base, **env}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("kid", ["bad kid,x:y", "a:b", "", "k" * 33, "kid\n"])
def test_keys_new_refuses_a_kid_serve_would_refuse(kid: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "new", "--kid", kid]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("voicecart: configuration error: key id") and err.count("\n") == 1


def test_keys_new_bad_kid_exits_2_from_the_shell(tmp_path: Path) -> None:
    r = _voicecart(["keys", "new", "--kid", "bad kid,x:y"], tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CART_LOG_LEVEL", "verbose"),
        ("CART_CORS_ORIGINS", "https://shop.example/menu"),  # a path: not an origin (a bare trailing / is dropped)
        ("CART_OPENAI_BASE_URL", "api.openai.com"),
        ("CART_ORDER_WEBHOOK_URL", "ftp://kitchen.example/orders"),
        ("CART_TTL_SECONDS", "soon"),
        ("CART_ENV", "staging"),
        ("CART_DATA_DIR", "/proc/voicecart-nowhere"),  # the dev key cannot be kept there
    ],
)
def test_serve_with_a_bad_setting_prints_one_line_and_exits_2(tmp_path: Path, name: str, value: str) -> None:
    r = _voicecart(["serve", "--port", "9"], tmp_path, **{name: value})
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert r.stderr.startswith("voicecart: configuration error: ") and name in r.stderr


def test_output_into_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`voicecart token inspect … | head`: the reader went away; no BrokenPipeError traceback."""

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setenv("CART_KEYS", TEST_KEYS)
    token = _token(int(__import__("time").time()))
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["token", "inspect", token]) == 141


# --- issue #21: what the CLI says about a token is what HTTP says, and numbers are checked --------------------


def _minted(now: int, restaurant_menu: Path = DEMO_MENU_FILE) -> str:
    codec = CartCodec(KeyRing.parse(TEST_KEYS))
    menu = load_menu(restaurant_menu)
    return turn.run_turn(None, turn.NewCart(b"87654321"), menu, codec, now).token


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CART_KEYS", TEST_KEYS)
    monkeypatch.delenv("CART_MENU_DIR", raising=False)  # the bundled demo-burger and demo-cafe


def test_token_inspect_prints_the_tokens_own_expiry_not_now_plus_the_ttl(
    configured: None, capsys: pytest.CaptureFixture[str]
) -> None:
    issued = int(time.time()) - 600  # ten minutes ago: 20 minutes are left, not 30
    assert main(["token", "inspect", _token(issued)]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = datetime.fromtimestamp(issued + Settings().ttl_seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data["expires_at"] == data["cart"]["expires_at"] == expected
    assert data["issued_at"] == issued and data["expired"] is False


def test_token_inspect_of_an_expired_token_shows_when_it_expired(
    configured: None, capsys: pytest.CaptureFixture[str]
) -> None:
    issued = int(time.time()) - 3 * 3600
    assert main(["token", "inspect", "--ignore-expiry", _token(issued)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["expired"] is True
    assert data["expires_at"] == datetime.fromtimestamp(issued + 1800, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def forged(token: str) -> str:
    """The same header and body (so the current key's id), with a MAC nobody signed."""
    body, _, mac = token.rpartition(".")
    return f"{body}.{'A' if mac[0] != 'A' else 'B'}{mac[1:]}"


def test_keys_show_verifies_a_forged_token_is_signed_by_no_key(
    configured: None, capsys: pytest.CaptureFixture[str]
) -> None:
    token = _token(int(time.time()))
    assert main(["keys", "show", token]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["kid"], shown["is_current_signing_key"]) == ("test1", "yes")
    assert main(["keys", "show", forged(token)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "token_invalid" in err and "signature" in err


def test_keys_show_of_an_old_token_still_names_its_key(configured: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "show", _token(1_700_000_000)]) == 0  # expired long ago: still signed by test1
    assert json.loads(capsys.readouterr().out)["kid"] == "test1"


def test_token_inspect_names_the_wrong_restaurant_as_http_does(
    configured: None, capsys: pytest.CaptureFixture[str]
) -> None:
    token = _token(int(time.time()))  # a demo-burger cart
    assert main(["token", "inspect", "--restaurant", "demo-cafe", token]) == 1
    err = capsys.readouterr().err
    assert "token_wrong_restaurant" in err and "signature" not in err
    assert main(["token", "inspect", "--restaurant", "nowhere", token]) == 1
    assert "restaurant_not_found" in capsys.readouterr().err
    assert main(["token", "inspect", forged(token)]) == 1
    assert "token_invalid" in capsys.readouterr().err


def test_token_inspect_finds_the_restaurant_itself(configured: None, capsys: pytest.CaptureFixture[str]) -> None:
    cafe = _minted(int(time.time()), bundled_menu_dir() / "demo-cafe.json")
    assert main(["token", "inspect", cafe]) == 0
    assert json.loads(capsys.readouterr().out)["cart"]["restaurant_id"] == "demo-cafe"


@pytest.mark.parametrize(
    "argv",
    [
        ["serve", "--port", "99999"],
        ["serve", "--port", "0"],
        ["serve", "--port", "-1"],
        ["serve", "--port", "80.5"],
        ["serve", "--workers", "0"],
        ["serve", "--limit-concurrency", "-1"],
        ["serve", "--limit-concurrency", "100001"],
        ["orders", "list", "--limit", "0"],
        ["mcp", "--url", "http://127.0.0.1:8000", "--restaurant", "demo-burger", "--attempts", "0"],
    ],
)
def test_numeric_flags_out_of_range_are_refused_before_anything_runs(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(argv)
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and ("out of range" in err or "is not" in err)


def test_serve_port_99999_exits_2_from_the_shell_without_serving(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CART_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)}
    r = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", "99999"], env=env, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 2 and "99999 is out of range: a TCP port from 1 to 65535" in r.stderr
    assert "http://" not in r.stderr  # nothing announced
