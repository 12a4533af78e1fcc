"""Real-world-style configurations, written the way network engineers write them (banners,
comments, descriptions, many features): every listed secret value is gone from the redacted
export, and each line is either byte-identical to the source or the source with exactly its
secret values replaced by `<redacted>`.

Each `configs/<name>` has a `configs/<name>.secrets` file: the secret values in it, one a line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exitkit.netconfig.redact import REDACTED, redact

CONFIGS = Path(__file__).parent / "configs"
# A file's name starts with its OS: `ios_branch_router.cfg`.
PLATFORM_OF = {
    "ios": "cisco_ios",
    "iosxe": "cisco_xe",
    "nxos": "cisco_nxos",
    "eos": "arista_eos",
    "junos": "juniper_junos",
    "asa": "cisco_asa",
    "fortios": "fortinet",
    "iosxr": "cisco_xr",
    "vrp": "huawei_vrp",
    "panos": "paloalto_panos",
    "procurve": "hp_procurve",
    "aoscx": "aruba_aoscx",
    "os10": "dell_os10",
    "routeros": "mikrotik_routeros",
}
NAMES = sorted(p.name for p in CONFIGS.iterdir() if p.suffix != ".secrets")


def _load(name: str) -> tuple[str, str, list[str]]:
    platform = PLATFORM_OF[name.split("_")[0]]
    text = (CONFIGS / name).read_text()
    secrets = (CONFIGS / f"{name}.secrets").read_text().splitlines()
    return platform, text, sorted(secrets, key=len, reverse=True)


def _expected(line: str, secrets: list[str]) -> str:
    for secret in secrets:
        line = line.replace(secret, REDACTED)
    return line


def test_there_is_a_configuration_per_platform() -> None:
    required = {"cisco_ios", "cisco_xe", "cisco_nxos", "arista_eos", "juniper_junos"}
    assert required <= {PLATFORM_OF[n.split("_")[0]] for n in NAMES}
    assert any(n.endswith(".set") for n in NAMES) and any(n.endswith(".conf") for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_listed_secret_is_in_the_source(name: str) -> None:
    _, text, secrets = _load(name)
    assert [s for s in secrets if s not in text] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_secret_is_gone_and_every_other_byte_stays(name: str) -> None:
    platform, text, secrets = _load(name)

    redacted = redact(platform, text)

    assert [s for s in secrets if s in redacted.text] == []
    source_lines, redacted_lines = text.split("\n"), redacted.text.split("\n")
    assert len(redacted_lines) == len(source_lines)
    for number, (source, got) in enumerate(zip(source_lines, redacted_lines, strict=True), 1):
        assert got == _expected(source, secrets), f"{name}:{number}"
    assert redacted.count == sum(line.count(REDACTED) for line in redacted_lines)


@pytest.mark.parametrize("name", NAMES)
def test_a_redacted_export_redacts_to_itself(name: str) -> None:
    platform, text, _ = _load(name)
    once = redact(platform, text)
    again = redact(platform, once.text)
    assert (again.text, again.count) == (once.text, 0)
