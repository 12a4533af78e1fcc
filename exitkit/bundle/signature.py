"""Is manifest.json signed, and by the key it says? The signature part of verify.

Without --public-key the key is the one the manifest names (it catches a removed or foreign
signature; only a pinned key proves who signed). The manifest's `signed_by` is a claim like any
other: a key that does not decode, or a fingerprint that is not the key's, is a problem.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from exitkit.bundle import signing
from exitkit.bundle.manifest import SIGNATURE, Manifest
from exitkit.bundle.report import Problem
from exitkit.bundle.safe_read import Refused
from exitkit.bundle.source import BundleSource, Member


def _named_key(signed_by: dict[str, str], problems: list[Problem]) -> Ed25519PublicKey | None:
    """The key `signed_by` names, when it is one; its fingerprint must be that key's."""
    try:
        named = signing.public_key_from_b64(signed_by["public_key"])
    except ValueError:
        detail = "the manifest's signed_by.public_key is not a base64 Ed25519 public key"
        problems.append(Problem(SIGNATURE, "invalid", detail))
        return None
    if signed_by.get("fingerprint") != signing.fingerprint(named):
        detail = "the manifest's signed_by.fingerprint is not the fingerprint of its public_key"
        problems.append(Problem(SIGNATURE, "invalid", detail))
    return named


def _read(source: BundleSource, problems: list[Problem]) -> bytes | None:
    try:
        return source.read(SIGNATURE)
    except Refused as refused:
        problems.append(Problem(SIGNATURE, "unreadable", refused.detail))
    except OSError as error:
        problems.append(Problem(SIGNATURE, "unreadable", str(error.strerror or error)))
    return None


def check_signature(
    source: BundleSource,
    members: dict[str, Member],
    manifest_bytes: bytes,
    manifest: Manifest,
    key: Ed25519PublicKey | None,
    problems: list[Problem],
) -> dict[str, Any]:
    """The signature record of completeness.v1; what is wrong is added to `problems`."""
    named = _named_key(manifest.signed_by, problems) if manifest.signed_by else None
    if SIGNATURE not in members:
        if key is not None or manifest.signed_by:
            problems.append(Problem(SIGNATURE, "missing", "the bundle is not signed"))
            return {"status": "missing"}
        return {"status": "unsigned"}
    if key is None and not manifest.signed_by:
        return {"status": "not-checked", "detail": "pass --public-key to check the signature"}
    checking = key or named
    signature = _read(source, problems)
    if checking is None or signature is None:
        return {"status": "invalid"}
    valid = signing.is_valid(checking, manifest_bytes, signature)
    status = {
        "status": "valid" if valid else "invalid",
        "key": signing.fingerprint(checking),
        "pinned": key is not None,
    }
    if not valid:
        detail = f"not a signature of manifest.json by {status['key']}"
        problems.append(Problem(SIGNATURE, "invalid", detail))
    elif named is not None and signing.fingerprint(named) != status["key"]:
        detail = f"the manifest names {signing.fingerprint(named)} as its signer, not this key"
        problems.append(Problem(SIGNATURE, "invalid", detail))
    return status
