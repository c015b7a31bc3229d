"""Every released token format keeps decoding: a deploy never strands a cart in flight."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core import turn
from app.core.menu import load_menu
from app.core.token.codec import RELEASED_DICTIONARIES, SUPPORTED_VERSIONS, CartCodec, read_header
from app.core.token.keys import KeyRing
from tests.golden.mint import golden_line

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
FILES = sorted(GOLDEN.glob("v*.json"))
CASES = [(f, t) for f in FILES for t in json.loads(f.read_text())["tokens"]]


def test_every_supported_version_has_golden_tokens() -> None:
    minted = {json.loads(f.read_text())["format_version"] for f in FILES}
    assert minted == set(SUPPORTED_VERSIONS)


def test_every_released_dictionary_has_golden_tokens() -> None:
    minted = {json.loads(f.read_text()).get("dictionary", 0) for f in FILES}
    assert minted >= {0, *RELEASED_DICTIONARIES}


@pytest.mark.parametrize(("path", "case"), CASES, ids=[f"{f.stem}-{t['name']}" for f, t in CASES])
def test_golden_token_decodes(path: Path, case: dict) -> None:
    data = json.loads(path.read_text())
    codec = CartCodec(KeyRing.parse(data["keys"]))
    menu = load_menu(GOLDEN / f"menus-{path.stem}" / case["menu"])
    flags = read_header(case["token"]).flags
    assert flags & 0x0F == 0 or flags >> 4 == data.get("dictionary", 0)  # compressed with the file's dictionary
    result = turn.run_turn(case["token"], turn.ViewCart(), menu, codec, case["minted_at"] + 60)
    cart = result.cart_json()
    expect = case["expect"]
    assert cart["id"] == expect["id"]
    assert cart["revision"] == expect["revision"]
    v2 = data["format_version"] >= 2
    assert [golden_line(line, v2) for line in cart["lines"]] == expect["lines"]
    assert read_header(case["token"]).version == data["format_version"]
    assert cart["warnings"] == []
