"""The one place settings become live objects: key ring, codec, menus, order sink, tools, clock.

Built once at start-up (:func:`build_context`) and used by the HTTP server and the CLI alike. A
configuration problem raises :class:`~app.errors.ConfigError` here, before anything serves.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.core.menu import Menu, MenuCatalog
from app.core.token.codec import CartCodec, TokenPolicy
from app.core.token.keys import KeyRing, load_dev_keyring
from app.core.turn import TurnInputs
from app.errors import ConfigError, RestaurantNotFound, TokenError
from app.orders.config import sink_from_settings
from app.orders.port import OrderSink
from app.orders.service import menu_after_order
from app.runtime.clock_watch import ClockReport, ClockWatch, WatchedCodec
from app.runtime.menu_reload import Snapshot, snapshot
from app.runtime.token_cache import RecentTokens
from app.settings import Settings
from app.voice.toolkit import Toolbox
from app.voice.tools import TOOLS

Clock = Callable[[], float]

clock_log = logging.getLogger("voicecart.clock")


def report_clock(report: ClockReport) -> None:
    """The loud line when this replica's clock starts or stops disagreeing with its peers'."""
    if report.ok:
        clock_log.warning("clock skew cleared: %s", report.describe(), extra=report.to_dict())
    else:
        message = "clock skew: %s; /readyz answers 503 until it is fixed (check NTP)"
        clock_log.error(message, report.describe(), extra=report.to_dict())


def token_policy(settings: Settings) -> TokenPolicy:
    return TokenPolicy(settings.ttl_seconds, settings.max_lifetime_seconds, settings.clock_skew_seconds)


def keyring(settings: Settings) -> KeyRing:
    """The configured ring; in development without CART_KEYS, the persistent dev key (created on first run)."""
    if settings.keys_spec.strip():
        return KeyRing.parse(settings.keys_spec)
    if settings.production:
        raise ConfigError(
            "CART_ENV=production needs CART_KEYS='kid:secret' (secrets of 32+ characters; "
            "`voicecart keys new` makes one). Refusing to start with a generated key."
        )
    return load_dev_keyring(settings.dev_key_file)


def codec(settings: Settings) -> CartCodec:
    return CartCodec(keyring(settings), token_policy(settings))


@dataclass
class AppContext:
    """What every request handler needs; built once at start-up."""

    settings: Settings
    keys: KeyRing
    codec: CartCodec
    catalog: MenuCatalog
    order_sink: OrderSink
    tools: Toolbox
    clock: Clock
    menu_files: Snapshot = ()  # the menu files as they were just before the catalog loaded them

    @property
    def clock_watch(self) -> ClockWatch | None:
        """What this replica measured about its clock from its peers' tokens (``/readyz``, metrics)."""
        return getattr(self.codec, "clock_watch", None)

    def now(self) -> int:
        return int(self.clock())

    def menu(self, restaurant_id: str) -> Menu:
        """The restaurant's current menu; ``restaurant_not_found`` (404) for an unknown id."""
        return self.catalog.get(restaurant_id)

    def turn_inputs(self, restaurant_id: str) -> TurnInputs:
        """Menu, codec, ``now`` and the other restaurants: everything a turn needs but the token."""
        return TurnInputs(self.menu(restaurant_id), self.codec, self.now(), self.catalog.restaurant_ids())

    def inputs_after_menu_gone(self, restaurant_id: str, token: str | None, gone: RestaurantNotFound) -> TurnInputs:
        """:meth:`turn_inputs` for a call about ``token``'s cart when the restaurant's menu is ``gone`` (removed
        after an order): the stand-in menu of the order the store holds for the cart
        (:func:`app.orders.service.menu_after_order`), so a retried checkout still answers its order; else
        ``gone`` (or ``cart_already_ordered``), never suggesting nothing was ordered when that can't be known.
        A token that can't be read for this restaurant is ``gone`` as before. Blocking: off the event loop."""
        now, others = self.now(), self.catalog.restaurant_ids()
        try:  # an expired token too: a checkout retried after expiry finds its order (place_order)
            state = self.codec.decode(token or "", restaurant_id, now, others, expired=True) if token else None
        except TokenError:
            state = None
        if state is None:
            raise gone
        return TurnInputs(menu_after_order(state, gone, self.order_sink), self.codec, now, others)


def remembering(codec: CartCodec) -> CartCodec:
    """``codec`` remembering the tokens it mints: this replica's own tokens skip re-verifying them."""
    codec.recent = RecentTokens()
    return codec


def build_context(settings: Settings, clock: Clock = time.time) -> AppContext:
    keys = keyring(settings)
    # snapshot first: an edit landing while the menus load is then seen by the reloader as new
    menu_files = snapshot(settings.menu_dir)
    catalog = MenuCatalog.from_dir(settings.menu_dir)
    watch = ClockWatch(settings.clock_skew_seconds, on_change=report_clock)
    return AppContext(
        settings,
        keys,
        remembering(WatchedCodec(keys, token_policy(settings), watch)),
        catalog,
        sink_from_settings(settings),
        TOOLS,
        clock,
        menu_files,
    )
