"""Money: integers in the currency's minor unit, and how they are shown and spoken.

The exponent of each ISO 4217 currency (JPY 0, USD 2, KWD 3) and its English symbol come from
Babel's CLDR tables, never from a hand-kept list: ``850`` JPY is "¥850", ``1250`` KWD is
"KWD 1.250", ``2450`` USD is "$24.50".
"""

from __future__ import annotations

import functools

from babel.numbers import get_currency_precision, get_currency_symbol, is_currency

_LOCALE = "en_US"  # the spoken language of the voice agent


@functools.lru_cache(maxsize=256)
def minor_digits(currency: str) -> int | None:
    """Digits of ``currency``'s minor unit, or None when it is not an ISO 4217 code."""
    if not is_currency(currency):
        return None
    return get_currency_precision(currency)


@functools.lru_cache(maxsize=256)
def _style(currency: str) -> tuple[str, int]:
    """The prefix ("$", "¥", or "KWD " where English has no symbol) and the minor-unit digits."""
    digits = minor_digits(currency)
    symbol = get_currency_symbol(currency, _LOCALE) if digits is not None else currency
    return (symbol if symbol != currency else f"{currency} "), 2 if digits is None else digits


def format_money(cents: int, currency: str = "USD") -> str:
    """An amount in minor units as shown and spoken: ``2450`` → "$24.50", JPY ``1870`` → "¥1,870"."""
    prefix, digits = _style(currency)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 10**digits)
    return f"{sign}{prefix}{whole:,}" + (f".{frac:0{digits}d}" if digits else "")
