"""Every bound verify puts on a bundle it did not make: one place, so the README can quote them.

A bundle comes from the party being exited, so each read and each parse has a ceiling; going
past one is a named problem (exit 1), never a hang, a crash or a read of something else.
"""

from __future__ import annotations

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

MANIFEST_BYTES = 64 * MIB  # manifest.json
SIGNATURE_BYTES = 64  # manifest.json.sig: a raw Ed25519 signature is exactly this long
INVENTORY_BYTES = 16 * MIB  # inventory.json, read whole to judge completeness
RECORD_BYTES = 32 * MIB  # a JSON record (or one line of a .jsonl) checked against its schema

MANIFEST_FILES = 100_000  # entries under "files"
MANIFEST_ASSETS = 100_000  # entries under "assets"
BUNDLE_MEMBERS = 2 * MANIFEST_FILES  # files a bundle folder, archive or prefix may hold

JSON_DEPTH = 64  # nesting of arrays and objects
JSON_NUMBER_CHARS = 32  # characters of one number: a size has at most 20 digits

PATH_BYTES = 1024  # one path in the manifest, UTF-8
PATH_PART_BYTES = 255  # one name in it (NAME_MAX)

ARCHIVE_HEADER_BYTES = 64 * KIB  # a pax or GNU long-name header of a tar member
ARCHIVE_EXPANSION = 100  # an archive may expand to this many times its size...
ARCHIVE_FLOOR = 256 * MIB  # ...or to this, whichever is larger (gzip reaches 1000)


def archive_ceiling(compressed: int) -> int:
    """How many bytes a .tar.gz of `compressed` bytes may expand to before it is a gzip bomb."""
    return max(ARCHIVE_FLOOR, ARCHIVE_EXPANSION * compressed)
