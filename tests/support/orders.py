"""An order to place in tests: Ada's pickup details and a demo-menu cart of burgers and fries."""

from __future__ import annotations

from app.core import cart
from app.core.cart import CartState
from app.core.menu import Menu
from app.orders.order import CheckoutRequest, Customer
from tests.conftest import DEMO, T0

ADA = CheckoutRequest(Customer("Ada Lovelace", "+1 555 010 0199"), "pickup")


def burger_cart(menu: Menu, quantity: int = 2) -> CartState:
    """Two medium classic burgers with bacon, one large fries."""
    burger, fries = menu.item("classic-burger"), menu.item("fries")
    assert burger and fries
    opts = {o.id: o for o in burger.options}
    state = cart.new_cart(bytes(range(8)), DEMO, T0)
    state, _ = cart.add_line(state, burger, [opts["medium"], opts["bacon"]], quantity, "")
    large = next(o for o in fries.options if o.id == "large")
    state, _ = cart.add_line(state, fries, [large], 1, "extra crispy")
    return state
