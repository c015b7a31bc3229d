"""The cart token: ``base64url(header ‖ payload) "." base64url(mac)``.

Owns the signing key ring (:mod:`.keys`), the framing below the MAC — strict base64url and zstd
with the released dictionaries (:mod:`.framing`) — and the codec: the header, the MAC, msgpack
and the checks every decode makes (:mod:`.codec`). Imports :mod:`app.core.cart`,
:mod:`app.core.menu` and the leaves; never :mod:`app.core.reading`.
"""
