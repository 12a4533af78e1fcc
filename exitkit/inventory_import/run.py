"""Run an import: read every source, merge into the estate's tree, check the result through the
inventory model, then write secrets (0600) and the estate atomically, or only show the diff."""

from __future__ import annotations

import difflib
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from exitkit.bundle.atomic import fsync_dir, write_bytes
from exitkit.errors import InventoryError
from exitkit.inventory.loader import load_inventory
from exitkit.inventory.yaml_source import load_yaml, read_text
from exitkit.inventory_import.estate_yaml import load_tree
from exitkit.inventory_import.logins import SECRETS_DIR, LoginNames
from exitkit.inventory_import.merge import Outcome, merge
from exitkit.inventory_import.platform_map import USER_MAP, load_maps
from exitkit.inventory_import.records import Harvest
from exitkit.inventory_import.sources import ImportContext, kind_of
from exitkit.inventory_import.spec import parse_source
from exitkit.inventory_import.splice import render


@dataclass
class ImportReport:
    """What an import read, did (or would do, on a dry run) and left out."""

    estate: Path
    harvests: list[Harvest]
    outcome: Outcome
    diff: str
    written: bool
    secret_files: list[str] = field(default_factory=list)

    @property
    def problems(self) -> bool:
        """Something could not be imported: a source failed, an entry was skipped or left."""
        return bool(self.outcome.left) or any(h.failure or h.skipped for h in self.harvests)


def import_sources(
    sources: list[str], estate: Path, dry_run: bool = False, map_file: Path | None = None
) -> ImportReport:
    """Import SOURCEs into ESTATE; bad input raises (ExitkitError) before anything is read."""
    specs = [parse_source(text) for text in sources]
    kinds = [kind_of(spec) for spec in specs]
    path = load_inventory(estate).path
    original = read_text(path)
    beside = path.parent / USER_MAP
    maps = load_maps(map_file or (beside if beside.is_file() else None))
    credentials = load_yaml(path, original).data.get("credentials") or {}
    logins = LoginNames(path.parent, credentials)
    ctx = ImportContext(path.parent, maps, credentials, logins)
    harvests = [kind.read(spec, ctx) for kind, spec in zip(kinds, specs, strict=True)]
    tree = load_tree(original, str(path))
    outcome = merge(tree, harvests)
    text = original
    if outcome.edits:
        added = len(outcome.added)
        text = render(original, tree, outcome.changed_indexes, added, outcome.credentials_added)
        _check(text, path)
    diff = "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True), text.splitlines(keepends=True), str(path), str(path)
        )
    )
    write = not dry_run and text != original
    if write:
        _write_secrets(path.parent, outcome.files)
        write_bytes(path, text.encode(), mode=stat.S_IMODE(path.stat().st_mode))
    return ImportReport(path, harvests, outcome, diff, write, sorted(outcome.files))


def _check(text: str, path: Path) -> None:
    """The merged estate must load as any estate does; a failure here is a bug of the import."""
    with tempfile.NamedTemporaryFile(
        "w", dir=path.parent, prefix=".estate-import-", suffix=".yaml", encoding="utf-8"
    ) as handle:
        handle.write(text)
        handle.flush()
        try:
            load_inventory(Path(handle.name))
        except InventoryError as error:
            raise RuntimeError(f"the merged estate does not validate: {error}") from None


def _write_secrets(base_dir: Path, files: dict[str, str]) -> None:
    """Secret values, each in its own file readable by its owner only (mode 0600)."""
    if not files:
        return
    folder = base_dir / SECRETS_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():  # a secret beside a versioned estate must never be committed
        write_bytes(ignore, b"# written by exitkit inventory import: never commit secrets\n*\n")
    for relative, value in sorted(files.items()):
        write_bytes(base_dir / relative, value.encode() + b"\n", mode=0o600, sync_folder=False)
    fsync_dir(folder)
