from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest

from app.core.token.keys import KeyRing, fingerprint, load_dev_keyring, new_key_spec
from app.errors import ConfigError


def test_parse_first_key_signs_all_verify() -> None:
    ring = KeyRing.parse(" new:" + "n" * 32 + " , old:" + "o" * 40)
    assert ring.signing.kid == "new"
    assert ring.by_tag(ring.keys[1].tag).kid == "old"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "empty"),
        ("k1:" + "x" * 31, "at least 32"),
        ("nocolon", "not 'kid:secret'"),
        ("k1:" + "x" * 40 + ",k1:" + "y" * 40, "listed twice"),
        ("bad kid!:" + "x" * 40, "must be 1-32 characters"),
    ],
)
def test_bad_specs_are_refused(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        KeyRing.parse(spec)


def test_secrets_do_not_appear_in_repr_or_describe() -> None:
    secret = "s" * 40
    ring = KeyRing.parse("k1:" + secret)
    assert secret not in repr(ring.signing)
    assert secret not in ring.describe()
    assert fingerprint(secret) in ring.describe()


def test_new_key_spec_is_valid_and_random() -> None:
    a, b = new_key_spec(), new_key_spec()
    assert a != b
    assert KeyRing.parse(a).signing.secret != KeyRing.parse(b).signing.secret
    assert new_key_spec("2027a").startswith("2027a:")


def test_dev_key_file_created_once_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "data" / "dev-keys"
    first = load_dev_keyring(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = load_dev_keyring(path)
    assert first.signing.secret == second.signing.secret


def test_dev_key_concurrent_creation_agrees(tmp_path: Path) -> None:
    path = tmp_path / "dev-keys"
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(load_dev_keyring(path).signing.secret)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1
    assert list(tmp_path.iterdir()) == [path]  # no temp files left behind
