"""cart-client.js branches the browser tests cannot force, under node with a stand-in server and
storage (``client_logic.mjs`` beside this file): re-sending on a moved token (also when the older
one was refused), never re-placing an order, giving up clearly, a first visit racing another tab,
and one lock per cart."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.fleet import require_binary

SCRIPT = Path(__file__).with_name("client_logic.mjs")
TOOLS = "/v1/restaurants/demo-burger/tools/"
CART = "/v1/restaurants/demo-burger/cart"


def run(scenario: str) -> Any:
    done = subprocess.run(
        [require_binary("node"), SCRIPT.name, scenario], capture_output=True, text=True, timeout=60, cwd=SCRIPT.parent
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_call_whose_token_moved_meanwhile_is_sent_again_on_the_newer_token() -> None:
    result = run("moved_once")
    assert [(s["path"], s["token"]) for s in result["sent"]] == [
        (TOOLS + "add_to_order", "base"),
        (TOOLS + "add_to_order", "other"),  # the other tab's cart, not a fork of the old one
    ]
    assert result["stored"] == result["answered"] == "t2" and result["reapplied"] == 1


def test_a_placed_order_is_never_placed_again() -> None:
    result = run("order_not_resent")
    assert [s["path"] for s in result["sent"]] == [TOOLS + "confirm_order"]
    assert result["orders"] == ["o1"] and result["stored"] == "t1"


def test_a_token_that_never_stops_moving_ends_in_a_clear_error() -> None:
    result = run("always_moving")
    assert result["error"] == "cart_busy" and result["attempts"] == 9
    assert result["stored"] == "other9"  # none of our answers overwrote the other tab's cart


def test_a_first_visit_takes_up_the_cart_another_tab_just_started() -> None:
    result = run("restore_takes_up_the_other_tabs_cart")
    sent = [(s["method"], s["path"], s["token"]) for s in result["sent"]]
    assert sent == [("POST", CART, None), ("GET", CART, "other")]  # ours is dropped, theirs read
    assert result["stored"] == "t2"


def test_every_turn_takes_the_carts_lock() -> None:
    result = run("turns_take_the_lock")
    assert result == {"names": ["voicecart:cart:demo-burger"] * 3, "maxInFlight": 1}


def test_a_refused_token_that_another_tab_already_replaced_drops_nothing() -> None:
    result = run("refused_but_moved")
    assert [s["token"] for s in result["sent"]] == ["old", "other"]  # sent again on the newer token
    assert result["resets"] == [] and result["note"] is None and result["stored"] == "t1"


def test_a_checkout_answered_502_or_504_is_sent_again_with_the_same_token() -> None:
    """Issue #24: a replica killed mid-checkout reaches the browser as nginx's 502 (or the app's 504
    order_outcome_unknown); the client retries the same checkout, which is idempotent."""
    result = run("checkout_retried_on_gateway_errors")
    assert result["tokens"] == ["base", "base", "base"]  # the same token every time
    assert result["waits"] == [250, 1000]  # backoff, then the Retry-After the server asked for
    assert result["orders"] == ["o1"] and result["retried"] == 2
