"""Logins found in a router.db become credential sets of references; the values go to files
(mode 0600) in `secrets/` beside the estate, never into estate.yaml.

A second import finds the set whose files already hold the same values and reuses it, so it
changes nothing; the names never derive from a secret (not even a hash of one)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exitkit.inventory_import.records import CredentialSet

SECRETS_DIR = "secrets"


@dataclass(frozen=True, repr=False)
class Login:
    username: str
    password: str
    enable: str

    def __repr__(self) -> str:
        return f"Login(username={self.username!r}, password=***, enable=***)"


class LoginNames:
    """Gives each distinct login of one import a credential set name, reusing the estate's."""

    def __init__(
        self, base_dir: Path, existing: Mapping[str, Any], prefix: str = "oxidized"
    ) -> None:
        self.prefix = prefix
        self.base_dir = base_dir
        self.existing = existing
        self.chosen: dict[Login, tuple[str, CredentialSet | None]] = {}

    def name_for(self, login: Login) -> tuple[str, CredentialSet | None]:
        """(set name, the set to add, or None when the estate already has it)."""
        if login not in self.chosen:
            reused = next((n for n, c in self.existing.items() if self._holds(c, login)), None)
            self.chosen[login] = (reused, None) if reused else self._new(login)
        return self.chosen[login]

    def _new(self, login: Login) -> tuple[str, CredentialSet]:
        stem = re.sub(r"[^a-z0-9]+", "-", login.username.lower()).strip("-") or "login"
        taken = set(self.existing) | {name for name, _ in self.chosen.values()}
        name, number = f"{self.prefix}-{stem}", 1
        while name in taken:
            number += 1
            name = f"{self.prefix}-{stem}-{number}"
        references: dict[str, Any] = {"username": login.username}
        files: dict[str, str] = {}
        for field, value, suffix in (
            ("password", login.password, "password"),
            ("secret", login.enable, "enable"),
        ):
            if value:
                path = f"{SECRETS_DIR}/{name}.{suffix}"
                references[field] = {"file": path}
                files[path] = value
        return name, CredentialSet(name, references, files)

    def _holds(self, credential: Any, login: Login) -> bool:
        if not isinstance(credential, Mapping) or credential.get("username") != login.username:
            return False
        return self._same(credential.get("password"), login.password) and self._same(
            credential.get("secret"), login.enable
        )

    def _same(self, reference: Any, value: str) -> bool:
        if not value:
            return reference is None
        if not isinstance(reference, Mapping) or not isinstance(reference.get("file"), str):
            return False
        path = Path(reference["file"])
        path = path if path.is_absolute() else self.base_dir / path
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n") == value
        except (OSError, UnicodeDecodeError):
            return False
