"""Reading router.db files (Oxidized's CSV source, RANCID's device list): lines with numbers."""

from __future__ import annotations

from pathlib import Path

from exitkit.inventory_import.spec import SourceError

MAX_BYTES = 64 * 1024 * 1024


def data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of every line that is neither blank nor a `#` comment."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{path}: larger than a router.db can be (64 MiB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, expected a router.db file") from None
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot be read: {error.strerror}") from None
    return [
        (number, line.rstrip("\r"))
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def delimiter_of(value: str | None, default: str) -> str:
    """A delimiter parameter: one or more characters, or `tab`."""
    if value is None:
        return default
    if value == "tab":
        return "\t"
    if not value:
        raise SourceError("delimiter= is empty (give a character, or tab)")
    return value
