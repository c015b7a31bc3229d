"""The signing key ring: the only thing replicas share.

``CART_KEYS="kid:secret,kid:secret"`` — the first key signs, every listed key verifies, so a
rolling deploy rotates keys without stranding a cart (see README, "Key rotation").
A token names its key by a 2-byte tag derived from the kid, so tokens stay short and an
unknown tag is refused before any HMAC is computed (fail closed).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.errors import ConfigError

MIN_SECRET_LENGTH = 32
KID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,32}")


def check_kid(kid: str) -> str:
    """``kid`` if it can name a key in ``CART_KEYS`` (1-32 of ``A-Z a-z 0-9 . _ -``), else :class:`ConfigError`.

    The one rule for every place a kid comes from: the ring ``serve`` loads and ``keys new --kid``.
    """
    if not KID_PATTERN.fullmatch(kid):
        raise ConfigError(f"key id {kid!r} must be 1-32 characters of A-Z a-z 0-9 . _ -")
    return kid


def kid_tag(kid: str) -> bytes:
    """The 2 bytes a token carries to name its key."""
    return hashlib.blake2b(kid.encode(), digest_size=2).digest()


def fingerprint(secret: bytes | str) -> str:
    """A short, non-reversible label for logs: never log the secret itself."""
    data = secret.encode() if isinstance(secret, str) else secret
    return hashlib.sha256(data).hexdigest()[:8]


@dataclass(frozen=True, repr=False)
class Key:
    kid: str
    secret: bytes

    @property
    def tag(self) -> bytes:
        return kid_tag(self.kid)

    def __repr__(self) -> str:  # secrets never reach logs or tracebacks
        return f"Key(kid={self.kid!r}, fingerprint={fingerprint(self.secret)!r})"


class KeyRing:
    """An ordered set of keys; ``signing`` is the first."""

    def __init__(self, keys: list[Key]) -> None:
        if not keys:
            raise ConfigError("the key ring is empty: set CART_KEYS='kid:secret'")
        by_tag: dict[bytes, Key] = {}
        for key in keys:
            check_kid(key.kid)
            if len(key.secret) < MIN_SECRET_LENGTH:
                raise ConfigError(
                    f"key {key.kid!r}: secret is {len(key.secret)} characters, "
                    f"at least {MIN_SECRET_LENGTH} are required (try `voicecart keys new`)"
                )
            other = by_tag.get(key.tag)
            if other is not None:
                what = "is listed twice" if other.kid == key.kid else f"collides with {other.kid!r}"
                raise ConfigError(f"key id {key.kid!r} {what}; choose another kid")
            by_tag[key.tag] = key
        self.keys = tuple(keys)
        self._by_tag = by_tag

    @property
    def signing(self) -> Key:
        return self.keys[0]

    def by_tag(self, tag: bytes) -> Key | None:
        return self._by_tag.get(tag)

    def describe(self) -> str:
        """Safe to log: kids and fingerprints only."""
        return ", ".join(f"{k.kid}({fingerprint(k.secret)})" for k in self.keys)

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        """Parse ``kid:secret,kid:secret``; whitespace around entries is ignored."""
        keys = []
        for n, entry in enumerate(filter(None, (e.strip() for e in spec.split(","))), 1):
            kid, sep, secret = entry.partition(":")
            if not sep or not kid or not secret:
                raise ConfigError(f"CART_KEYS entry {n} is not 'kid:secret'")
            keys.append(Key(kid.strip(), secret.strip().encode()))
        return cls(keys)


def new_key_spec(kid: str | None = None) -> str:
    """A fresh ``kid:secret`` entry with a 256-bit secret; a ``kid`` ``serve`` would refuse raises ConfigError."""
    kid = f"k{secrets.token_hex(3)}" if kid is None else check_kid(kid)
    return f"{kid}:{secrets.token_urlsafe(32)}"


def load_dev_keyring(path: Path) -> KeyRing:
    """Development only: read the key file, creating it (mode 0600) on first run.

    The key is written to a private temp file and hard-linked into place, so two processes
    starting at once agree on one complete key: the loser of the link reads the winner's.
    A file that cannot be made or read (CART_DATA_DIR missing, read-only, not a directory) is a
    :class:`ConfigError`, so ``serve`` says so in one line.
    """
    try:
        spec = _read_or_create(path)
    except OSError as exc:
        raise ConfigError(f"CART_DATA_DIR: cannot keep the development key at {path}: {exc.strerror or exc}") from None
    if not spec:
        raise ConfigError(f"{path} is empty: delete it to generate a new development key")
    return KeyRing.parse(spec)


def _read_or_create(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(new_key_spec("dev") + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
