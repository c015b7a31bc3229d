"""All configuration, read once from the environment (``CART_*``) into one frozen object.

A leaf: plain values only. :mod:`app.runtime.context` turns them into live objects (key ring, codec,
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
| CART_LOG_LEVEL      | INFO                               | DEBUG, INFO, WARNING, ERROR or CRITICAL     |
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
| CART_OPENAI_BASE_URL | https://api.openai.com            | Realtime API base, with or without ``/v1``  |
| CART_REALTIME_MODEL | gpt-realtime-2                     | speech model the browser session uses       |
| CART_TRANSCRIPTION_MODEL | gpt-live-transcribe           | transcribes the customer's speech           |
| CART_REALTIME_ALLOWED_ORIGINS | (the served origin only) | comma-separated origins that may mint voice sessions |
| CART_REALTIME_SESSIONS_PER_MINUTE | 3                    | voice sessions one client address may mint a minute |
| CART_OPERATOR_NETWORKS | 127.0.0.1/32,::1/128            | addresses shown /readyz in full and Voicecart-Instance |
| CART_REQUEST_TIMEOUT_SECONDS | 10                        | a request's head, and its body, must arrive within this |

Every value is checked when the settings are built (:meth:`Settings.__post_init__`), so a bad one stops
``voicecart serve`` before uvicorn starts, with one line and exit 2 (never a worker's traceback).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from app.errors import ConfigError

try:
    VERSION = version("voicecart")  # one source: ``[project] version`` in pyproject.toml
except PackageNotFoundError:  # a source tree on PYTHONPATH that was never installed
    VERSION = "0+unknown"

ENVIRONMENTS = ("development", "production")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")  # what logging and uvicorn both accept
MIN_WEBHOOK_SECRET_CHARS = 32
POSTGRES_SCHEMES = ("postgresql", "postgres")


def _http_url(value: str) -> bool:
    """An absolute ``http://`` or ``https://`` URL with a host."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value


def _origin(value: str) -> bool:
    """A browser origin as CORS compares it: ``scheme://host[:port]``, nothing after (or ``*``)."""
    if value == "*":
        return True
    parts = urlsplit(value)
    return _http_url(value) and not (parts.path or parts.query or parts.fragment or parts.username)


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


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated variable; blanks dropped."""
    return tuple(part.strip() for part in env.get(name, "").split(",") if part.strip())


def api_base_url(raw: str) -> str:
    """The API's origin (and any path prefix) without a trailing ``/`` or ``/v1``: we add ``/v1/...``.

    ``https://api.openai.com/v1/`` (the SDK's ``OPENAI_BASE_URL`` form) → ``https://api.openai.com``.
    """
    url = raw.strip().rstrip("/")
    return url.removesuffix("/v1").rstrip("/")


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
    realtime_model: str = "gpt-realtime-2"  # not on the SDK's deprecation list (gpt-realtime shuts down 2027-01)
    transcription_model: str = "gpt-live-transcribe"  # gpt-4o-mini-transcribe shuts down 2027-02
    realtime_allowed_origins: tuple[str, ...] = ()  # empty: only the origin the page was served from
    realtime_sessions_per_minute: int = 3
    operator_networks: tuple[str, ...] = ("127.0.0.1/32", "::1/128")  # see app/server/operators.py
    request_timeout_seconds: int = 10  # app/server/protocol.py (the head), app/server/slow_clients.py (the body)

    def __post_init__(self) -> None:
        """Refuse any value the server could not run with; :class:`ConfigError` names the variable."""
        if self.env not in ENVIRONMENTS:
            raise ConfigError(f"CART_ENV={self.env!r}: use one of {', '.join(ENVIRONMENTS)}")
        if self.log_level not in LOG_LEVELS:
            raise ConfigError(f"CART_LOG_LEVEL={self.log_level!r}: use one of {', '.join(LOG_LEVELS)}")
        for name, field_name in (
            ("CART_CORS_ORIGINS", "cors_origins"),
            ("CART_REALTIME_ALLOWED_ORIGINS", "realtime_allowed_origins"),
        ):
            # "https://shop.example/" is how people paste an origin; browsers send it without the slash
            origins = tuple(o.removesuffix("/") for o in getattr(self, field_name))
            object.__setattr__(self, field_name, origins)
            bad = [o for o in origins if not _origin(o)]
            if bad:
                raise ConfigError(f"{name}: {bad[0]!r} is not an origin like https://shop.example (no path)")
        for network in self.operator_networks:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ConfigError(
                    f"CART_OPERATOR_NETWORKS: {network!r} is not an address or network like 10.0.0.0/8"
                ) from None
        object.__setattr__(self, "openai_base_url", api_base_url(self.openai_base_url))  # however it was given
        if not _http_url(self.openai_base_url):
            raise ConfigError(f"CART_OPENAI_BASE_URL={self.openai_base_url!r} must be an http:// or https:// URL")
        if not self.realtime_model:
            raise ConfigError("CART_REALTIME_MODEL must not be empty")
        if self.order_webhook_url:
            if not _http_url(self.order_webhook_url):
                raise ConfigError("CART_ORDER_WEBHOOK_URL must be an http:// or https:// URL")
            if len(self.order_webhook_secret) < MIN_WEBHOOK_SECRET_CHARS:
                raise ConfigError(
                    f"CART_ORDER_WEBHOOK_URL needs CART_ORDER_WEBHOOK_SECRET of {MIN_WEBHOOK_SECRET_CHARS}+ "
                    "characters (the receiver verifies Voicecart-Signature with it)"
                )
        if self.order_webhook_url and self.order_webhook_deadline_seconds >= self.checkout_timeout_seconds:
            raise ConfigError(
                f"CART_ORDER_WEBHOOK_DEADLINE_SECONDS={self.order_webhook_deadline_seconds} must be below "
                f"CART_CHECKOUT_TIMEOUT_SECONDS={self.checkout_timeout_seconds} (the delivery runs inside the "
                "checkout's budget)"
            )
        if self.orders_url:
            if self.orders_url.partition("://")[0] not in POSTGRES_SCHEMES:
                raise ConfigError("CART_ORDERS_URL must be a postgresql://user:password@host:port/database URL")
            if self.order_webhook_url:
                raise ConfigError("set CART_ORDERS_URL or CART_ORDER_WEBHOOK_URL, not both: orders go to one place")

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
        defaults = cls()
        checkout_timeout = _int(env, "CART_CHECKOUT_TIMEOUT_SECONDS", defaults.checkout_timeout_seconds, 2, 120)
        webhook_deadline = _int(
            env,
            "CART_ORDER_WEBHOOK_DEADLINE_SECONDS",
            min(defaults.order_webhook_deadline_seconds, checkout_timeout - 1),
            1,
            120,
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
            cors_origins=_list(env, "CART_CORS_ORIGINS"),
            log_level=env.get("CART_LOG_LEVEL", "").strip().upper() or defaults.log_level,
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
            openai_base_url=api_base_url(env.get("CART_OPENAI_BASE_URL", "")) or defaults.openai_base_url,
            realtime_model=env.get("CART_REALTIME_MODEL", "").strip() or defaults.realtime_model,
            transcription_model=env.get("CART_TRANSCRIPTION_MODEL", "").strip() or defaults.transcription_model,
            realtime_allowed_origins=_list(env, "CART_REALTIME_ALLOWED_ORIGINS"),
            realtime_sessions_per_minute=_int(
                env, "CART_REALTIME_SESSIONS_PER_MINUTE", defaults.realtime_sessions_per_minute, 1, 10_000
            ),
            operator_networks=_list(env, "CART_OPERATOR_NETWORKS") or defaults.operator_networks,
            request_timeout_seconds=_int(env, "CART_REQUEST_TIMEOUT_SECONDS", defaults.request_timeout_seconds, 1, 300),
        )
