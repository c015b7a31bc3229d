"""Secrets and tokens stay out of logs, errors and CLI output; short keys are refused; the dev
key file is private; a token carries no personal data beyond the customer's own notes."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import msgpack
import pytest
from starlette.testclient import TestClient

from app.cli import main
from app.core.token.codec import HEADER_BYTES, b64decode_strict, decompress
from app.core.token.keys import MIN_SECRET_LENGTH, KeyRing, load_dev_keyring
from app.errors import ConfigError
from app.server import cart_routes
from app.server.app import create_app
from app.settings import Settings
from tests.conftest import DEMO, TEST_KEYS, FakeClock

SECRETS = [entry.split(":", 1)[1] for entry in TEST_KEYS.split(",")]
CART = f"/v1/restaurants/{DEMO}/cart"


@pytest.mark.parametrize("length", [1, 16, MIN_SECRET_LENGTH - 1])
def test_short_secrets_are_refused_without_echoing_them(length: int) -> None:
    secret = "~" * length  # a character no message would contain by chance
    with pytest.raises(ConfigError) as caught:
        KeyRing.parse(f"k1:{secret}")
    assert "~" not in str(caught.value) and f"at least {MIN_SECRET_LENGTH}" in str(caught.value)


def test_secret_of_the_minimum_length_is_accepted() -> None:
    assert KeyRing.parse("k1:" + "z" * MIN_SECRET_LENGTH).signing.kid == "k1"


def test_serve_refuses_a_short_key_and_prints_no_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CART_KEYS", "k1:tooshort-secret-xyz")
    assert main(["serve", "--port", "1"]) == 2
    out = capsys.readouterr()
    assert "tooshort-secret-xyz" not in out.out + out.err and "at least 32" in out.err


def test_key_objects_never_render_their_secret() -> None:
    ring = KeyRing.parse(TEST_KEYS)
    rendered = repr(ring.keys) + ring.describe() + str(ring.signing)
    assert not any(s in rendered for s in SECRETS)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_dev_key_file_is_created_0600(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        load_dev_keyring(tmp_path / "data" / "dev-keys")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "data" / "dev-keys").stat().st_mode) == 0o600


# --- logs -------------------------------------------------------------------------------------------------


@pytest.fixture
def noisy_client(settings: Settings, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> Iterator[TestClient]:
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        yield client


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records) + caplog.text


def test_a_session_logs_no_token_and_no_secret(
    noisy_client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = [noisy_client.post(CART).headers["Cart-Token"]]
    for body in ({"item": "fries", "modifiers": ["large"]}, {"item": "nonsense"}, {"item": "fries", "quantity": 0}):
        response = noisy_client.post(f"{CART}/items", json=body, headers={"Cart-Token": tokens[-1]})
        tokens += [response.headers["Cart-Token"]] if response.status_code == 200 else []
    forged = tokens[-1][:-2] + "AA"
    noisy_client.get(CART, headers={"Cart-Token": forged})

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted failure")

    monkeypatch.setattr(cart_routes, "read_json", broken)  # an unexpected 500 logs a traceback
    assert noisy_client.post(f"{CART}/items", json={"item": "x"}, headers={"Cart-Token": tokens[-1]}).status_code == 500
    text = logged_text(caplog)
    assert "planted failure" in text  # the logs were captured...
    for secret in SECRETS:
        assert secret not in text  # ...and hold no secret
    for token in [*tokens, forged]:
        assert token not in text and token.split(".")[1] not in text


def test_error_bodies_never_echo_a_token(noisy_client: TestClient) -> None:
    token = noisy_client.post(CART).headers["Cart-Token"]
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")  # never the token itself
    for bad in (forged, token + "=", token.replace(".", ""), token * 2):
        response = noisy_client.get(CART, headers={"Cart-Token": bad})
        assert response.status_code == 401
        assert token.split(".")[0][:20] not in response.text


# --- CLI --------------------------------------------------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, menu_dir: Path, tmp_path: Path) -> None:
    monkeypatch.setenv("CART_KEYS", TEST_KEYS)
    monkeypatch.setenv("CART_MENU_DIR", str(menu_dir))
    monkeypatch.setenv("CART_DATA_DIR", str(tmp_path / "data"))


def test_token_inspect_and_keys_show_print_no_secret(
    cli_env: None, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    token = client.post(CART).headers["Cart-Token"]
    token = client.post(f"{CART}/items", json={"item": "fries", "modifiers": ["small"]}, headers={"Cart-Token": token})
    token = token.headers["Cart-Token"]
    assert main(["token", "inspect", token, "--ignore-expiry"]) == 0
    assert main(["keys", "show", token]) == 0
    out = capsys.readouterr()
    assert "Fries" in out.out and '"kid": "test1"' in out.out
    assert not any(s in out.out + out.err for s in SECRETS)


def test_token_inspect_refusal_does_not_echo_the_token(
    cli_env: None, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = client.post(CART).headers["Cart-Token"][:-2] + "AA"
    assert main(["token", "inspect", forged, "--ignore-expiry"]) == 1
    out = capsys.readouterr()
    assert "token_invalid" in out.err and forged.split(".")[0] not in out.out + out.err


# --- what a token reveals -----------------------------------------------------------------------------------


def unverified_payload(token: str) -> tuple[bytes, object]:
    """What anyone holding the token can read without a key: the header bytes and the payload."""
    raw = b64decode_strict(token.split(".")[0])
    payload = raw[HEADER_BYTES:]
    if raw[3] & 0x0F == 1:  # zstd, with the dictionary the flags name (public files in app/dictionaries)
        payload = decompress(payload, raw[3] >> 4)
    return raw, msgpack.unpackb(payload)


def strings_in(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, list):
        return [s for item in obj for s in strings_in(item)]
    assert type(obj) is int, f"unexpected {type(obj).__name__} in the payload"
    return []


def test_the_only_text_in_a_token_is_the_customers_own_notes(client: TestClient) -> None:
    token = client.post(CART).headers["Cart-Token"]
    for notes in ("no onions", None, "cut in half please, it's for my kid"):
        body = {"item": "classic-burger", "modifiers": ["medium"], "quantity": 2, "notes": notes}
        token = client.post(f"{CART}/items", json=body, headers={"Cart-Token": token}).headers["Cart-Token"]
    raw, payload = unverified_payload(token)
    texts = strings_in(payload)
    assert sorted(texts) == sorted(["no onions", "cut in half please, it's for my kid"])
    assert DEMO.encode() not in raw and b"Burger" not in raw  # restaurant and names come from the menu


def test_checkout_puts_no_customer_details_in_the_token(client: TestClient) -> None:
    token = client.post(CART).headers["Cart-Token"]
    body = {"item": "fries", "modifiers": ["small"], "notes": "no salt"}
    token = client.post(f"{CART}/items", json=body, headers={"Cart-Token": token}).headers["Cart-Token"]
    customer = {"name": "Zelda Quartermain", "phone": "+1 555 0100"}
    done = client.post(
        f"{CART}/checkout", json={"customer": customer, "fulfillment": "pickup"}, headers={"Cart-Token": token}
    )
    assert done.status_code == 201, done.text
    after = done.headers["Cart-Token"]
    raw, payload = unverified_payload(after)
    assert strings_in(payload) == ["no salt"]
    assert b"Zelda" not in raw and b"555" not in raw
