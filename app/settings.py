"""All configuration, read once from the environment (``CART_*``) into one frozen object.

A leaf: plain values only. :mod:`app.runtime.context` turns them into live objects (key ring, codec,
menus, order sink).

Each setting is declared once, as a field of :class:`Settings` with its variable, its bounds and
its meaning (:func:`setting`); the README's Configuration table is :func:`markdown_table` of those
fields (a test compares them). Every value is checked however the settings are built
(``Settings(...)``, :meth:`Settings.from_env`, ``dataclasses.replace``): :class:`ConfigError` names
the variable, so a bad one stops ``voicecart serve`` before uvicorn starts, with one line and exit 2.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
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


def api_base_url(raw: str) -> str:
    """The API's origin (and any path prefix) without a trailing ``/`` or ``/v1``: we add ``/v1/...``.

    ``https://api.openai.com/v1/`` (the SDK's ``OPENAI_BASE_URL`` form) → ``https://api.openai.com``.
    """
    url = raw.strip().rstrip("/")
    return url.removesuffix("/v1").rstrip("/")


def _exact(raw: str) -> str:
    """A secret, taken exactly as given."""
    return raw


def _lower(raw: str) -> str:
    return raw.strip().lower()


def _upper(raw: str) -> str:
    return raw.strip().upper()


def _list(raw: str) -> tuple[str, ...]:
    """A comma-separated variable; blanks dropped."""
    return tuple(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Bounds:
    """A whole-number setting's range; ``low_field``: the low bound is another setting's value."""

    low: int
    high: int
    low_field: str = ""


def setting(
    default: Any = MISSING,
    *,
    env: str,
    doc: str,
    shown: str = "",
    flag: str = "",
    bounds: Bounds | None = None,
    read: Callable[[str], Any] = str.strip,
    secret: bool = False,
    factory: Callable[[], Any] | None = None,
) -> Any:
    """A :class:`Settings` field: its variable ``env``, its meaning ``doc`` (README markdown), the default
    as the README shows it (``shown``; else the value), a CLI ``flag`` that overrides it, its ``bounds``
    (a whole number: read as one), how a variable's text is ``read`` otherwise, ``secret`` (never in
    ``repr``)."""
    meta = {"env": env, "doc": doc, "shown": shown, "flag": flag, "bounds": bounds, "read": read}
    if factory is not None:
        return field(default_factory=factory, repr=not secret, metadata=meta)
    return field(default=default, repr=not secret, metadata=meta)


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "voicecart"


@dataclass(frozen=True)
class Settings:
    env: str = setting(
        "development",
        env="CART_ENV",
        read=_lower,
        doc="`production` refuses to start without `CART_KEYS` (exit 2, clear message)",
    )
    keys_spec: str = setting(
        "",
        env="CART_KEYS",
        shown="dev: generated",
        doc="`kid:secret,kid:secret` — the first signs, all verify; secrets ≥ 32 characters",
        read=_exact,
        secret=True,
    )
    data_dir: Path = setting(
        env="CART_DATA_DIR",
        shown="`~/.local/share/voicecart`",
        doc="the development key file (`dev-keys`, mode 0600) and local state",
        read=Path,
        factory=_default_data_dir,
    )
    menu_dir: Path = setting(
        env="CART_MENU_DIR",
        flag="--menu-dir",
        shown="bundled demo",
        doc="a directory of `*.json` menus, one restaurant each",
        read=Path,
        factory=bundled_menu_dir,
    )
    ttl_seconds: int = setting(
        1800, env="CART_TTL_SECONDS", doc="sliding inactivity expiry, exact to the second", bounds=Bounds(10, 7 * 86400)
    )
    max_lifetime_seconds: int = setting(
        12 * 3600,
        env="CART_MAX_LIFETIME_SECONDS",
        doc="absolute cap: a cart kept alive forever still ends (at least the TTL)",
        bounds=Bounds(0, 0xFFFFFF, low_field="ttl_seconds"),  # the token's 3-byte age field
    )
    clock_skew_seconds: int = setting(
        60,
        env="CART_CLOCK_SKEW_SECONDS",
        doc="how far in the future a token's time may be (replica clock drift)",
        bounds=Bounds(0, 3600),
    )
    cors_origins: tuple[str, ...] = setting(
        (),
        env="CART_CORS_ORIGINS",
        shown="none",
        doc="comma-separated browser origins; `Cart-Token` is exposed to them",
        read=_list,
    )
    log_level: str = setting(
        "INFO",
        env="CART_LOG_LEVEL",
        read=_upper,
        doc="`DEBUG`, `INFO`, `WARNING`, `ERROR` or `CRITICAL`; JSON logs; refused requests are logged at INFO, "
        "every request at DEBUG",
    )
    menu_reload_seconds: int = setting(
        2,
        env="CART_MENU_RELOAD_SECONDS",
        doc="menu directory poll interval (0: reload on SIGHUP only)",
        bounds=Bounds(0, 3600),
    )
    orders_db: Path | None = setting(
        None,
        env="CART_ORDERS_DB",
        shown="`<data dir>/orders.sqlite3`",
        doc="SQLite order store, the default order sink",
        read=Path,
    )
    order_webhook_url: str = setting(
        "", env="CART_ORDER_WEBHOOK_URL", shown="none", doc="deliver orders by signed POST instead (see Checkout)"
    )
    order_webhook_secret: str = setting(
        "",
        env="CART_ORDER_WEBHOOK_SECRET",
        shown="required with the URL",
        doc=f"≥ {MIN_WEBHOOK_SECRET_CHARS} characters; HMAC key of the `Voicecart-Signature` header",
        read=_exact,
        secret=True,
    )
    order_webhook_deadline_seconds: int = setting(
        10,
        env="CART_ORDER_WEBHOOK_DEADLINE_SECONDS",
        doc="total time for all delivery attempts; below the checkout budget",
        bounds=Bounds(1, 120),
    )
    orders_url: str = setting(
        "",
        env="CART_ORDERS_URL",
        shown="none",
        doc="`postgresql://user:pass@host:port/db`: the PostgreSQL order store instead of SQLite",
        secret=True,  # holds the database password
    )
    checkout_timeout_seconds: int = setting(
        15,
        env="CART_CHECKOUT_TIMEOUT_SECONDS",
        doc="a checkout's whole budget (waiting for an order thread + the store); keep it below the proxy's timeout",
        bounds=Bounds(2, 120),
    )
    order_workers: int = setting(
        8,
        env="CART_ORDER_WORKERS",
        doc="threads for order-store I/O, apart from cart turns; 4 × this many checkouts may wait, more get "
        "`overloaded`",
        bounds=Bounds(1, 256),
    )
    max_concurrency: int = setting(
        256,
        env="CART_MAX_CONCURRENCY",
        flag="serve --limit-concurrency",
        doc="requests in flight per process; beyond it, or while the event loop stays 0.25 s late, `503 overloaded` "
        "with `Retry-After` (0: no limit; `/healthz`, `/readyz`, `/metrics` never refused)",
        bounds=Bounds(0, 100_000),
    )
    openai_api_key: str = setting(
        "",
        env="OPENAI_API_KEY",
        shown="none (voice off; simulate works)",
        doc="lets `POST /v1/realtime/session` mint browser client secrets",
        secret=True,
    )
    openai_base_url: str = setting(
        "https://api.openai.com",
        env="CART_OPENAI_BASE_URL",
        doc="Realtime API base (a trailing `/v1` is accepted)",
        read=api_base_url,
    )
    # not on the SDK's deprecation list (gpt-realtime shuts down 2027-01)
    realtime_model: str = setting(
        "gpt-realtime-2", env="CART_REALTIME_MODEL", doc="the speech model of browser sessions"
    )
    # gpt-4o-mini-transcribe shuts down 2027-02
    transcription_model: str = setting(
        "gpt-live-transcribe",
        env="CART_TRANSCRIPTION_MODEL",
        doc="transcribes the customer's speech in those sessions",
    )
    realtime_allowed_origins: tuple[str, ...] = setting(
        (),
        env="CART_REALTIME_ALLOWED_ORIGINS",
        shown="the served origin",
        doc="comma-separated page origins that may mint voice sessions",
        read=_list,
    )
    realtime_sessions_per_minute: int = setting(
        3,
        env="CART_REALTIME_SESSIONS_PER_MINUTE",
        doc="voice sessions one client address may mint a minute (per server process)",
        bounds=Bounds(1, 10_000),
    )
    operator_networks: tuple[str, ...] = setting(
        ("127.0.0.1/32", "::1/128"),
        env="CART_OPERATOR_NETWORKS",
        shown="`127.0.0.1/32,::1/128`",
        doc="comma-separated addresses shown `/readyz` in full and the `Voicecart-Instance` header "
        "(app/server/operators.py)",
        read=_list,
    )
    request_timeout_seconds: int = setting(
        10,
        env="CART_REQUEST_TIMEOUT_SECONDS",
        doc="a request's head, and its body, must arrive within this (app/server/protocol.py, "
        "app/server/slow_clients.py)",
        bounds=Bounds(1, 300),
    )

    def __post_init__(self) -> None:
        """Refuse any value the server could not run with; :class:`ConfigError` names the variable."""
        if self.env not in ENVIRONMENTS:
            raise ConfigError(f"CART_ENV={self.env!r}: use one of {', '.join(ENVIRONMENTS)}")
        for f in fields(self):
            if f.metadata["bounds"] is not None:
                self._check_bounds(f)
        if self.log_level not in LOG_LEVELS:
            raise ConfigError(f"CART_LOG_LEVEL={self.log_level!r}: use one of {', '.join(LOG_LEVELS)}")
        self._check_addresses()
        object.__setattr__(self, "openai_base_url", api_base_url(self.openai_base_url))  # however it was given
        if not _http_url(self.openai_base_url):
            raise ConfigError(f"CART_OPENAI_BASE_URL={self.openai_base_url!r} must be an http:// or https:// URL")
        if not self.realtime_model:
            raise ConfigError("CART_REALTIME_MODEL must not be empty")
        self._check_order_sink()

    def _check_addresses(self) -> None:
        """Browser origins (a pasted trailing slash dropped) and operator networks."""
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

    def _check_order_sink(self) -> None:
        """One order destination, fully configured: the webhook with its secret inside the budget, or PostgreSQL."""
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

    def _check_bounds(self, f: Field[Any]) -> None:
        name, bounds, value = f.metadata["env"], f.metadata["bounds"], getattr(self, f.name)
        if type(value) is not int:
            raise ConfigError(f"{name}={value!r} is not a whole number")
        low = getattr(self, bounds.low_field) if bounds.low_field else bounds.low
        if not low <= value <= bounds.high:
            raise ConfigError(f"{name}={value} must be between {low} and {bounds.high}")

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
        """The settings the variables in ``env`` (default: ``os.environ``) give; unset or blank: the default.

        Two defaults follow other settings: the lifetime is at least the TTL, and the webhook deadline
        stays below the checkout budget. Raises :class:`ConfigError`.
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"], "")
            value = _parse(f, raw) if raw.strip() else ""
            if value != "":  # unset, blank or nothing left once read: the default
                values[f.name] = value
        if "max_lifetime_seconds" not in values and "ttl_seconds" in values:
            values["max_lifetime_seconds"] = max(cls.max_lifetime_seconds, values["ttl_seconds"])
        if "order_webhook_deadline_seconds" not in values and "checkout_timeout_seconds" in values:
            budget = values["checkout_timeout_seconds"]
            if type(budget) is int:  # else refused below, naming the budget
                values["order_webhook_deadline_seconds"] = min(cls.order_webhook_deadline_seconds, budget - 1)
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """These settings as variables: ``Settings.from_env(s.to_env()) == s`` (how worker processes get them)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            out[f.metadata["env"]] = ",".join(value) if isinstance(value, tuple) else str(value)
        return out


def _parse(f: Field[Any], raw: str) -> Any:
    """One variable's text as its field's value (checked afterwards by :meth:`Settings.__post_init__`)."""
    if f.metadata["bounds"] is None:
        return f.metadata["read"](raw)
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigError(f"{f.metadata['env']}={raw.strip()!r} is not a whole number") from None


def setting_bounds(name: str) -> tuple[int, int]:
    """``(low, high)`` of the whole-number setting ``name`` as declared (for a CLI flag that sets it)."""
    bounds = {f.name: f.metadata["bounds"] for f in fields(Settings)}[name]
    return bounds.low, bounds.high


def markdown_table() -> str:
    """The README's Configuration table: one row per setting, from the fields."""
    rows = ["| variable | default | accepted | meaning |", "|---|---|---|---|"]
    env_of = {f.name: f.metadata["env"] for f in fields(Settings)}
    for f in fields(Settings):
        meta = f.metadata
        name = f"`{meta['env']}`" + (f" / `{meta['flag']}`" if meta["flag"] else "")
        default = meta["shown"] or f"`{f.default}`"
        bounds: Bounds | None = meta["bounds"]
        low = bounds and (f"`{env_of[bounds.low_field]}`" if bounds.low_field else f"{bounds.low:,}")
        accepted = f"{low} to {bounds.high:,}" if bounds else ""  # what Settings refuses outside (exit 2)
        rows.append(f"| {name} | {default} | {accepted} | {meta['doc']} |")
    return "\n".join(rows) + "\n"
