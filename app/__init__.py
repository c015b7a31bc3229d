"""voicecart: stateless voice-ordering carts carried in compact signed tokens."""

__version__ = "0.1.0"
