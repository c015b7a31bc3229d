"""The ``voicecart`` command line (:func:`app.cli.main.main`)."""

from app.cli.main import main

__all__ = ["main"]
