"""Decoding tokens in tests: the reason a token is refused."""

from __future__ import annotations

import pytest

from app.core.token.codec import CartCodec
from app.errors import TokenError
from tests.conftest import DEMO, T0


def reason_of(codec: CartCodec, token: str, rid: str = DEMO, now: int = T0) -> str:
    with pytest.raises(TokenError) as caught:
        codec.decode(token, rid, now)
    return caught.value.reason
