"""Passphrase encryption of backup files, built from `cryptography`'s AES-GCM and scrypt.

The file is encrypted in 1 MiB chunks so a large backup never has to fit in memory. Each chunk
is sealed with AES-256-GCM under a key derived from the passphrase with scrypt; its nonce holds
a random prefix, the chunk number and a last-chunk flag, and the header is bound in as
associated data, so chunks cannot be reordered, dropped or cut off without detection (the
construction of Tink's and age's streaming AEAD).
"""

from __future__ import annotations

import base64
import json
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cafe_loyalty.errors import ValidationError

MAGIC = b"CAFEBKE1"
CHUNK = 1 << 20
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class WrongPassphrase(ValidationError):
    """The passphrase does not open this backup (or the file was altered)."""


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    if not passphrase:
        raise ValidationError("Enter the backup's passphrase.")
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # only when a passphrase is used

    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(passphrase.encode())


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def _chunks(source: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    current = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        yield current, not following
        if not following:
            return
        current = following


def encrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    salt, prefix = os.urandom(16), os.urandom(7)
    header = json.dumps(
        {
            "kdf": "scrypt",
            **_SCRYPT,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(prefix).decode(),
            "chunk": CHUNK,
        },
        sort_keys=True,
    ).encode()
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(_key(passphrase, salt, _SCRYPT))
    target.write(MAGIC + struct.pack(">I", len(header)) + header)
    for counter, (chunk, last) in enumerate(_chunks(source)):
        sealed = aead.encrypt(_nonce(prefix, counter, last), chunk, header)
        target.write(struct.pack(">I", len(sealed)) + sealed)


_TAG = 16  # AES-GCM's tag on each chunk
MAX_HEADER = 4096
# A hostile header must not make opening a backup take hours or gigabytes: scrypt needs
# 128 * r * n bytes and time in proportion, so both are bounded (ours: n=2**15, r=8, p=1).
_SCRYPT_BOUNDS = {"n": (2**10, 2**17), "r": (1, 8), "p": (1, 4)}


def _read_header(source: BinaryIO) -> tuple[bytes, bytes, bytes, dict[str, int]]:
    """The header bytes (bound into every chunk), salt, nonce prefix and scrypt costs, each
    checked for type and range before use."""
    damaged = ValidationError("The backup's encryption header is damaged.")
    length = source.read(4)
    if len(length) < 4:
        raise damaged
    (size,) = struct.unpack(">I", length)
    if not 2 <= size <= MAX_HEADER:
        raise damaged
    header = source.read(size)
    try:
        meta = json.loads(header)
    except (ValueError, RecursionError) as exc:
        raise damaged from exc
    if not isinstance(meta, dict) or meta.get("kdf") != "scrypt" or meta.get("chunk") != CHUNK:
        raise damaged
    params = {}
    for key, (low, high) in _SCRYPT_BOUNDS.items():
        value = meta.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise damaged
        if not low <= value <= high or (key == "n" and value & (value - 1)):
            raise ValidationError("The backup asks for unreasonable key-derivation costs; refusing it.")
        params[key] = value
    try:
        salt = base64.b64decode(meta["salt"], validate=True) if isinstance(meta.get("salt"), str) else b""
        prefix = base64.b64decode(meta["nonce"], validate=True) if isinstance(meta.get("nonce"), str) else b""
    except ValueError as exc:
        raise damaged from exc
    if not 16 <= len(salt) <= 64 or len(prefix) != 7:
        raise damaged
    return header, salt, prefix, params


def decrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    if source.read(len(MAGIC)) != MAGIC:
        raise ValidationError("This is not an encrypted cafe-loyalty backup.")
    header, salt, prefix, params = _read_header(source)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(_key(passphrase, salt, params))
    counter, finished = 0, False
    while not finished:
        length = source.read(4)
        if len(length) < 4:
            raise ValidationError("The encrypted backup is cut short: it is incomplete.")
        (size,) = struct.unpack(">I", length)
        if size > CHUNK + _TAG:
            raise ValidationError("The encrypted backup is damaged (a chunk does not check out).")
        sealed = source.read(size)
        for last in (False, True):
            try:
                chunk = aead.decrypt(_nonce(prefix, counter, last), sealed, header)
            except InvalidTag:
                continue
            finished = last
            break
        else:
            if counter == 0:
                raise WrongPassphrase("Wrong passphrase, or the backup file was altered.")
            raise ValidationError("The encrypted backup is damaged (a chunk does not check out).")
        target.write(chunk)
        counter += 1
    if source.read(1):
        raise ValidationError("The encrypted backup has extra data after its end; it was altered.")
