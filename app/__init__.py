"""voicecart: stateless voice-ordering carts carried in compact signed tokens."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("voicecart")  # one source: ``[project] version`` in pyproject.toml
except PackageNotFoundError:  # a source tree on PYTHONPATH that was never installed
    __version__ = "0+unknown"
