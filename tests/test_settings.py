from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ConfigError
from app.runtime.context import keyring, token_policy
from app.settings import Settings, bundled_menu_dir


def test_defaults() -> None:
    s = Settings.from_env({})
    assert s.env == "development"
    assert s.ttl_seconds == 1800
    assert s.menu_dir == bundled_menu_dir()
    assert s.cors_origins == ()


def test_values_from_env(tmp_path: Path) -> None:
    s = Settings.from_env(
        {
            "CART_ENV": "production",
            "CART_KEYS": "k:" + "x" * 40,
            "CART_MENU_DIR": str(tmp_path),
            "CART_TTL_SECONDS": "600",
            "CART_CORS_ORIGINS": "https://a.example, https://b.example",
            "CART_DATA_DIR": str(tmp_path / "d"),
        }
    )
    assert s.production and s.ttl_seconds == 600 and s.menu_dir == tmp_path
    assert s.cors_origins == ("https://a.example", "https://b.example")
    assert keyring(s).signing.kid == "k"
    assert token_policy(s).ttl_seconds == 600


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CART_ENV": "staging"}, "CART_ENV"),
        ({"CART_TTL_SECONDS": "soon"}, "not a whole number"),
        ({"CART_TTL_SECONDS": "1"}, "between"),
        ({"CART_LOG_LEVEL": "verbose"}, "CART_LOG_LEVEL"),
        ({"CART_LOG_LEVEL": "trace"}, "CART_LOG_LEVEL"),
        ({"CART_CORS_ORIGINS": "https://a.example/menu"}, "CART_CORS_ORIGINS"),  # a path never matches an Origin
        ({"CART_CORS_ORIGINS": "a.example"}, "CART_CORS_ORIGINS"),
        ({"CART_OPENAI_BASE_URL": "api.openai.com"}, "CART_OPENAI_BASE_URL"),
        ({"CART_OPENAI_BASE_URL": "http://h:99999"}, "CART_OPENAI_BASE_URL"),
        ({"CART_ORDER_WEBHOOK_URL": "https://k.example/o"}, "CART_ORDER_WEBHOOK_SECRET"),
        ({"CART_ORDER_WEBHOOK_URL": "k", "CART_ORDER_WEBHOOK_SECRET": "s" * 32}, "CART_ORDER_WEBHOOK_URL"),
    ],
)
def test_bad_values(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_log_level_and_origins_are_read_leniently_where_unambiguous() -> None:
    s = Settings.from_env({"CART_LOG_LEVEL": " warning ", "CART_CORS_ORIGINS": "*, http://localhost:5173"})
    assert s.log_level == "WARNING" and s.cors_origins == ("*", "http://localhost:5173")


def test_production_refuses_to_start_without_keys(tmp_path: Path) -> None:
    s = Settings.from_env({"CART_ENV": "production", "CART_DATA_DIR": str(tmp_path)})
    with pytest.raises(ConfigError, match="CART_KEYS"):
        keyring(s)
    assert not (tmp_path / "dev-keys").exists()


def test_development_generates_and_keeps_a_key(tmp_path: Path) -> None:
    s = Settings.from_env({"CART_DATA_DIR": str(tmp_path)})
    assert keyring(s).signing.secret == keyring(s).signing.secret
    assert (tmp_path / "dev-keys").exists()


def test_a_pasted_trailing_slash_is_dropped_from_origins() -> None:
    """Browsers send ``Origin: https://a.example``; CORS compares exactly, so the slash would never match."""
    s = Settings.from_env(
        {"CART_CORS_ORIGINS": "https://a.example/", "CART_REALTIME_ALLOWED_ORIGINS": "https://b.example/"}
    )
    assert (s.cors_origins, s.realtime_allowed_origins) == (("https://a.example",), ("https://b.example",))
