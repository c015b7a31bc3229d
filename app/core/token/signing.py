"""Where the MAC is computed: itsdangerous's ``Signer``, configured for the cart token.

The MAC is HMAC-SHA256 over ``restaurant_id NUL base64url(header ‖ payload)``, truncated to
:data:`MAC_BYTES` (128 bits; RFC 2104 §5, NIST SP 800-107 §5.3.4), keyed with a per-purpose key
that itsdangerous derives from the secret (``key_derivation="hmac"``: HMAC-SHA256 of the salt
``voicecart.<purpose>`` under the secret).

Only itsdangerous's public API is used: a :class:`~itsdangerous.signer.Signer` with our own
:class:`~itsdangerous.signer.SigningAlgorithm` (:class:`TruncatedHMAC`), ``Signer.derive_key``
(overridden, as its documentation invites, to derive once per key instead of on every call),
``Signer.get_signature`` (the base64url MAC a token carries) and
``SigningAlgorithm.verify_signature`` (constant-time). What the algorithm adds: the truncation,
and the HMAC key schedule of the derived key done once, each MAC copying it (``hmac``'s public
``copy()``), because a MAC is computed on every turn; the MAC itself is the standard library's.
The codec asks the algorithm for the raw MAC
(:meth:`TokenSigner.mac`) and compares it with ``hmac.compare_digest`` itself.
"""

from __future__ import annotations

import hashlib
import hmac

from itsdangerous.signer import Signer, SigningAlgorithm

MAC_BYTES = 16  # HMAC-SHA256 truncated to 128 bits


class TruncatedHMAC(SigningAlgorithm):
    """HMAC-SHA256 cut to :data:`MAC_BYTES`; ``key`` is the one key it is used with (its schedule kept:
    ``hmac``'s public ``copy()`` per MAC, so the key is padded and hashed once, not on every turn)."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)

    def get_signature(self, key: bytes, value: bytes) -> bytes:
        if key is not self.key and key != self.key:  # any other key: computed afresh
            return hmac.digest(key, value, "sha256")[:MAC_BYTES]
        keyed = self._keyed.copy()
        keyed.update(value)
        return keyed.digest()[:MAC_BYTES]


class TokenSigner(Signer):
    """The signer of one key for one purpose (``"cart"``): ``get_signature(value)`` → base64url MAC."""

    def __init__(self, secret: bytes, purpose: str) -> None:
        salt = f"voicecart.{purpose}"
        derived = Signer(secret, salt=salt, key_derivation="hmac", digest_method=hashlib.sha256).derive_key()
        super().__init__(
            secret,
            salt=salt,
            sep=".",
            key_derivation="hmac",
            digest_method=hashlib.sha256,
            algorithm=TruncatedHMAC(derived),
        )
        self._derived = derived

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        """The derived key: computed once (one secret per signer), other secrets as itsdangerous does."""
        return self._derived if secret_key is None else super().derive_key(secret_key)

    def verify_mac(self, value: bytes, mac: bytes) -> bool:
        """``mac`` (already strictly base64-decoded by the codec) is ``value``'s, compared in constant time."""
        return self.algorithm.verify_signature(self.derive_key(), value, mac)

    def mac(self, value: bytes) -> bytes:
        """``value``'s MAC, raw (what :meth:`get_signature` base64url-encodes), from the algorithm
        directly: the codec's path on every turn, without ``Signer``'s layers around it."""
        return self.algorithm.get_signature(self._derived, value)
