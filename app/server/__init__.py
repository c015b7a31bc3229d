"""The HTTP shell: Starlette routes over the core, the orders and the voice tools."""
