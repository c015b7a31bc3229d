"""voicecart: stateless voice-ordering carts carried in compact signed tokens."""

from app.settings import VERSION as __version__

__all__ = ["__version__"]
