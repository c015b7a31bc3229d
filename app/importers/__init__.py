"""Menus from other systems' documents (a Square catalog) → voicecart menu files, for the CLI.

Imports only the leaves; the written file is checked by :mod:`app.core.menu` like any other.
"""
