"""The `exitkit` entry point run in the test's own process, where a subprocess costs too much."""

from __future__ import annotations

from pathlib import Path

import pytest

from exitkit.cli import main


def command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str | Path
) -> tuple[int, str]:
    """Its exit code, and everything it printed (stdout then stderr), as a user sees it."""
    monkeypatch.setattr("sys.argv", ["exitkit", *map(str, args)])
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main()
    printed = capsys.readouterr()
    return int(done.value.code or 0), (printed.out + printed.err).strip()
