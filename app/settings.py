"""All configuration, read once from the environment (``CART_*``) into one frozen object.

A leaf: plain values only. :mod:`app.context` turns them into live objects (key ring, codec,
menus, order sink).

| variable            | default                            | meaning                                     |
|---------------------|------------------------------------|---------------------------------------------|
| CART_ENV            | development                        | ``production`` requires CART_KEYS           |
| CART_KEYS           | (dev: generated into the data dir) | ``kid:secret,...``; first signs, all verify |
| CART_MENU_DIR       | the bundled demo menu              | directory of ``*.json`` menus               |
| CART_TTL_SECONDS    | 1800                               | sliding inactivity expiry                   |
| CART_MAX_LIFETIME_SECONDS | 43200                        | absolute cap on a cart's life               |
| CART_CLOCK_SKEW_SECONDS   | 60                           | accepted future skew between replica clocks |
| CART_CORS_ORIGINS   | (none)                             | comma-separated browser origins             |
| CART_DATA_DIR       | ``~/.local/share/voicecart``       | dev key file and other local state          |
| CART_LOG_LEVEL      | INFO                               | log level                                   |
| CART_MENU_RELOAD_SECONDS  | 2                            | menu directory poll interval; 0: SIGHUP only |
| CART_ORDERS_DB      | ``<data dir>/orders.sqlite3``      | SQLite order store (the default order sink) |
| CART_ORDER_WEBHOOK_URL    | (none)                       | deliver orders by signed POST instead       |
| CART_ORDER_WEBHOOK_SECRET | (required with the URL)      | 32+ chars; HMAC key of Voicecart-Signature  |
| CART_ORDER_WEBHOOK_DEADLINE_SECONDS | 10                 | total time for all delivery attempts        |
| CART_ORDERS_URL     | (none: SQLite)                     | ``postgresql://…`` order store instead      |
| CART_CHECKOUT_TIMEOUT_SECONDS | 15                       | whole checkout budget (queue + store)       |
| CART_ORDER_WORKERS  | 8                                  | threads for order-store I/O                 |
| CART_MAX_CONCURRENCY | 256                               | in-flight requests; beyond: 503; 0: none   |
| OPENAI_API_KEY      | (none: voice off, simulate only)   | mints Realtime client secrets for browsers  |
| CART_OPENAI_BASE_URL | https://api.openai.com            | Realtime API base (tests: a local fake)     |
| CART_REALTIME_MODEL | gpt-realtime                       | speech model the browser session uses       |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import ConfigError

ENVIRONMENTS = ("development", "production")


def bundled_menu_dir() -> Path:
    """The demo restaurant's menus shipped inside the package (the default ``CART_MENU_DIR``)."""
    return Path(__file__).resolve().parent / "menus"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={value} must be between {low} and {high}")
    return value


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    keys_spec: str = field(default="", repr=False)
    menu_dir: Path = field(default_factory=bundled_menu_dir)
    data_dir: Path = field(default_factory=lambda: Path.home() / ".local" / "share" / "voicecart")
    ttl_seconds: int = 1800
    max_lifetime_seconds: int = 12 * 3600
    clock_skew_seconds: int = 60
    cors_origins: tuple[str, ...] = ()
    log_level: str = "INFO"
    menu_reload_seconds: int = 2
    orders_db: Path | None = None  # None: <data_dir>/orders.sqlite3
    order_webhook_url: str = ""
    order_webhook_secret: str = field(default="", repr=False)
    order_webhook_deadline_seconds: int = 10
    orders_url: str = field(default="", repr=False)  # holds the database password
    checkout_timeout_seconds: int = 15
    order_workers: int = 8
    max_concurrency: int = 256
    openai_api_key: str = field(default="", repr=False)
    openai_base_url: str = "https://api.openai.com"
    realtime_model: str = "gpt-realtime"

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def dev_key_file(self) -> Path:
        return self.data_dir / "dev-keys"

    @property
    def orders_db_path(self) -> Path:
        return self.orders_db or self.data_dir / "orders.sqlite3"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        name = env.get("CART_ENV", "development").strip().lower() or "development"
        if name not in ENVIRONMENTS:
            raise ConfigError(f"CART_ENV={name!r}: use one of {', '.join(ENVIRONMENTS)}")
        defaults = cls()
        checkout_timeout = _int(env, "CART_CHECKOUT_TIMEOUT_SECONDS", defaults.checkout_timeout_seconds, 2, 120)
        webhook_deadline = _int(
            env,
            "CART_ORDER_WEBHOOK_DEADLINE_SECONDS",
            min(defaults.order_webhook_deadline_seconds, checkout_timeout - 1),
            1,
            120,
        )
        if webhook_deadline >= checkout_timeout:
            raise ConfigError(
                f"CART_ORDER_WEBHOOK_DEADLINE_SECONDS={webhook_deadline} must be below "
                f"CART_CHECKOUT_TIMEOUT_SECONDS={checkout_timeout} (the delivery runs inside the checkout's budget)"
            )
        ttl = _int(env, "CART_TTL_SECONDS", defaults.ttl_seconds, 10, 7 * 86400)
        return cls(
            env=name,
            keys_spec=env.get("CART_KEYS", ""),
            menu_dir=Path(env["CART_MENU_DIR"]) if env.get("CART_MENU_DIR") else defaults.menu_dir,
            data_dir=Path(env["CART_DATA_DIR"]) if env.get("CART_DATA_DIR") else defaults.data_dir,
            ttl_seconds=ttl,
            max_lifetime_seconds=_int(
                env, "CART_MAX_LIFETIME_SECONDS", max(defaults.max_lifetime_seconds, ttl), ttl, 0xFFFFFF
            ),
            clock_skew_seconds=_int(env, "CART_CLOCK_SKEW_SECONDS", defaults.clock_skew_seconds, 0, 3600),
            cors_origins=tuple(o.strip() for o in env.get("CART_CORS_ORIGINS", "").split(",") if o.strip()),
            log_level=env.get("CART_LOG_LEVEL", "INFO").upper(),
            menu_reload_seconds=_int(env, "CART_MENU_RELOAD_SECONDS", defaults.menu_reload_seconds, 0, 3600),
            orders_db=Path(env["CART_ORDERS_DB"]) if env.get("CART_ORDERS_DB") else None,
            order_webhook_url=env.get("CART_ORDER_WEBHOOK_URL", "").strip(),
            order_webhook_secret=env.get("CART_ORDER_WEBHOOK_SECRET", ""),
            order_webhook_deadline_seconds=webhook_deadline,
            orders_url=env.get("CART_ORDERS_URL", "").strip(),
            checkout_timeout_seconds=checkout_timeout,
            order_workers=_int(env, "CART_ORDER_WORKERS", defaults.order_workers, 1, 256),
            max_concurrency=_int(env, "CART_MAX_CONCURRENCY", defaults.max_concurrency, 0, 100_000),
            openai_api_key=env.get("OPENAI_API_KEY", "").strip(),
            openai_base_url=env.get("CART_OPENAI_BASE_URL", "").strip().rstrip("/") or defaults.openai_base_url,
            realtime_model=env.get("CART_REALTIME_MODEL", "").strip() or defaults.realtime_model,
        )
