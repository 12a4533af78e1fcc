"""Resolve credential references to values at the moment of use; values are never stored."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from exitkit.errors import ExitkitError
from exitkit.inventory.models import Credential, SecretRef


class CredentialError(ExitkitError):
    """A credential reference does not resolve; the message names the reference, not a value."""


@dataclass(frozen=True, repr=False)
class Login:
    """Resolved login values, kept only as long as a connection needs them."""

    username: str
    password: str | None
    secret: str | None
    key_file: str | None

    def __repr__(self) -> str:
        return f"Login(username={self.username!r}, password=***, secret=***)"


def resolve(ref: SecretRef, base_dir: Path) -> str:
    """The value behind a reference, or CredentialError saying where it was looked for."""
    if ref.env is not None:
        value = os.environ.get(ref.env)
        if value is None:
            raise CredentialError(f"environment variable {ref.env} is not set")
        return value
    path = Path(ref.file or "")
    path = path if path.is_absolute() else base_dir / path
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as error:
        raise CredentialError(f"credential file {path} cannot be read: {error.strerror}") from None


def problem_of(ref: SecretRef, base_dir: Path) -> str | None:
    """Why a reference would not resolve, or None when it does."""
    try:
        resolve(ref, base_dir)
    except CredentialError as error:
        return str(error)
    return None


def references(credential: Credential) -> dict[str, SecretRef]:
    """Every reference in a credential set, by field name."""
    named = {
        "username": credential.username,
        "password": credential.password,
        "secret": credential.secret,
    }
    return {name: ref for name, ref in named.items() if isinstance(ref, SecretRef)}


def login(credential: Credential, base_dir: Path) -> Login:
    """Resolve a whole credential set for one connection."""
    username = credential.username
    return Login(
        username=username if isinstance(username, str) else resolve(username, base_dir),
        password=resolve(credential.password, base_dir) if credential.password else None,
        secret=resolve(credential.secret, base_dir) if credential.secret else None,
        key_file=credential.key_file,
    )
