from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from app.errors import ConfigError
from app.runtime.context import keyring, token_policy
from app.settings import Settings, bundled_menu_dir, markdown_table


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


def test_every_bound_is_checked_however_the_settings_are_built() -> None:
    with pytest.raises(ConfigError, match=r"CART_TTL_SECONDS=-5 must be between 10 and 604800"):
        Settings(ttl_seconds=-5)
    with pytest.raises(ConfigError, match="CART_MAX_LIFETIME_SECONDS=600 must be between 1800"):
        dataclasses.replace(Settings(), max_lifetime_seconds=600)  # the lifetime is at least the TTL
    with pytest.raises(ConfigError, match="CART_ORDER_WORKERS='8' is not a whole number"):
        Settings(order_workers="8")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="CART_MAX_CONCURRENCY=-1"):
        Settings.from_env({"CART_MAX_CONCURRENCY": "-1"})


def test_settings_travel_as_variables_unchanged(tmp_path: Path) -> None:
    """How ``serve --workers`` hands its settings (flags included) to uvicorn's worker processes."""
    for settings in (
        Settings(),
        Settings(
            keys_spec="k:" + "x" * 40,
            menu_dir=tmp_path,
            ttl_seconds=60,
            max_lifetime_seconds=600,
            cors_origins=("https://a.example", "http://b.example:8080"),
            orders_db=tmp_path / "o.db",
            order_webhook_url="https://kitchen.example/orders",
            order_webhook_secret=" s" * 20,
            log_level="DEBUG",
            max_concurrency=0,
        ),
    ):
        assert Settings.from_env(settings.to_env()) == settings


def test_the_readme_table_is_the_fields() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert markdown_table() in readme, "README.md's Configuration table differs from:\n" + markdown_table()


def test_serve_flags_override_the_environment_without_writing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli.main import build_parser, serve_settings

    monkeypatch.delenv("CART_MENU_DIR", raising=False)
    monkeypatch.delenv("CART_MAX_CONCURRENCY", raising=False)
    args = build_parser().parse_args(["serve", "--menu-dir", str(tmp_path), "--limit-concurrency", "64"])
    settings = serve_settings(args, {"CART_MAX_CONCURRENCY": "8"})
    assert (settings.menu_dir, settings.max_concurrency) == (tmp_path.resolve(), 64)
    assert "CART_MENU_DIR" not in os.environ and "CART_MAX_CONCURRENCY" not in os.environ
    with pytest.raises(ConfigError, match="CART_MENU_RELOAD_SECONDS"):
        serve_settings(args, {"CART_MENU_RELOAD_SECONDS": "-1"})


def _name(field: dataclasses.Field[object]) -> str:
    """The test id: the field's name (its str holds object addresses, which differ between xdist workers)."""
    return field.name


@pytest.mark.parametrize("field", [f for f in dataclasses.fields(Settings) if f.metadata["bounds"]], ids=_name)
def test_the_table_states_each_range_settings_enforce(field: dataclasses.Field[object]) -> None:
    """A newcomer reads the accepted range in the README; Settings refuses just outside it (exit 2)."""
    env, bounds = field.metadata["env"], field.metadata["bounds"]
    (row,) = [r for r in markdown_table().splitlines() if r.startswith(f"| `{env}`")]
    accepted = row.split(" | ")[2]
    assert accepted.endswith(f" to {bounds.high:,}")
    low = getattr(Settings(), bounds.low_field) if bounds.low_field else bounds.low
    assert getattr(dataclasses.replace(Settings(), **{field.name: low}), field.name) == low
    for outside in (low - 1, bounds.high + 1):
        with pytest.raises(ConfigError, match=f"{env}={outside} must be between"):
            dataclasses.replace(Settings(), **{field.name: outside})
