"""The pure cart: menus, matching, the cart model, pricing, keys and the token codec; one turn at a time."""
