"""A broken estate is refused with exit 2 and a message naming file:line, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import NET_PASSWORD, base_estate, run_exitkit

VALID = yaml.safe_dump(base_estate(), sort_keys=False)


def _with_asset(extra: str) -> str:
    return VALID + extra


BOMB = """version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""

CASES = {
    "broken-yaml": ("version: 1\nestate: [unclosed\n", 3, "YAML syntax error"),
    "tab-indentation": ("version: 1\nclient:\n\tname: x\n", 3, "YAML syntax error"),
    "empty-file": ("", 1, "empty"),
    "only-comment": ("# nothing here\n", 1, "empty"),
    "list-at-top": ("- version: 1\n", 1, "expected a mapping"),
    "unknown-top-key": (
        VALID.replace("version: 1", "version: 1\nverison: 2"),
        2,
        "unknown key 'verison'",
    ),
    "unknown-asset-key": (
        VALID.replace("vendor: Microsoft", "vendor: Microsoft\n  colour: blue"),
        None,
        "unknown key 'colour'",
    ),
    "wrong-type-quantity": (VALID.replace("quantity: 120", "quantity: lots"), None, "whole number"),
    "string-where-bool": (
        VALID.replace("transferable: true", "transferable: maybe"),
        None,
        "true or false",
    ),
    "list-where-mapping": (
        VALID.replace("contract:\n", "contract:\n- x\ncontract_old:\n", 1),
        None,
        "",
    ),
    "duplicate-id": (
        VALID
        + "- {id: m365, kind: license, vendor: X, product: Y, quantity: 1, holder: client, transferable: true}\n",
        None,
        "duplicate asset id 'm365'",
    ),
    "id-with-slash": (VALID.replace("id: runbook", "id: run/book"), None, "id"),
    "id-with-dotdot": (VALID.replace("id: runbook", "id: run..book"), None, "'..'"),
    "id-uppercase": (VALID.replace("id: runbook", "id: RunBook"), None, "id"),
    "reversibility-too-short": (
        VALID.replace("reversibility_days: 60", "reversibility_days: 29"),
        None,
        "30",
    ),
    "reversibility-too-long": (
        VALID.replace("reversibility_days: 60", "reversibility_days: 91"),
        None,
        "90",
    ),
    "unknown-kind": (VALID.replace("kind: script", "kind: mainframe"), None, "unknown asset kind"),
    "unknown-cloud": (
        _with_asset("- {id: gcp, kind: cloud_account, cloud: gcp, account_id: '1'}\n"),
        None,
        "unknown asset kind",
    ),
    "unresolved-credential-name": (
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ios, host: 192.0.2.1, credentials: nope}\n"
        ),
        None,
        "credentials 'nope'",
    ),
    "credential-ref-both": (
        VALID.replace(
            "password:\n      env: EXITKIT_TEST_NET_PASSWORD", "password: {env: A, file: b}"
        ),
        None,
        "exactly one",
    ),
    "inline-password": (
        VALID.replace(
            "password:\n      env: EXITKIT_TEST_NET_PASSWORD", f"password: {NET_PASSWORD}"
        ),
        None,
        "mapping",
    ),
    "alias-bomb": (BOMB, None, "alias bomb"),
    "python-tag": ("version: !!python/object/apply:os.system ['true']\n", 1, "not allowed"),
    "duplicate-yaml-key": ("version: 1\nversion: 1\n", 2, "duplicate key"),
    "bad-date": (VALID.replace("reviewed: '2099-01-01'", "reviewed: yesterday", 1), None, "date"),
    "account-id-as-number": (
        _with_asset("- {id: aws1, kind: cloud_account, cloud: aws, account_id: 123456789012}\n"),
        None,
        "string",
    ),
    "port-out-of-range": (
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ios, host: h, port: 70000, credentials: net-ro}\n"
        ),
        None,
        "65535",
    ),
    "misspelt-platform": (
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ioss, host: h, credentials: net-ro}\n"
        ),
        None,
        "platform 'cisco_ioss'; supported platforms: arista_eos, ",
    ),
    "host-key-of-another-type": (
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ios, host: h, credentials: net-ro,\n"
            "   host_key: ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQCA}\n"
        ),
        None,
        "host_key is not an SSH public key: its key data is a ssh-rsa key, not ssh-ed25519",
    ),
    "host-key-not-a-key": (
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ios, host: h, credentials: net-ro,\n"
            "   host_key: SHA256:abcdef}\n"
        ),
        None,
        "host_key",
    ),
    "legacy-ssh-not-bool": (
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ios, host: h, credentials: net-ro,\n"
            "   legacy_ssh: sometimes}\n"
        ),
        None,
        "true or false",
    ),
    "missing-required": (
        VALID.replace("  product: Microsoft 365 E3\n", ""),
        None,
        "missing required key 'product'",
    ),
    "two-documents": (VALID + "---\nversion: 1\n", None, "second"),
    "not-utf8": (b"version: 1\nestate: caf\xe9\n", 1, "UTF-8"),
    "version-2": (VALID.replace("version: 1", "version: 2"), 1, "version"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_estate_is_refused_with_file_and_line(tmp_path: Path, name: str) -> None:
    text, line, words = CASES[name]
    path = tmp_path / "estate.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())

    run = run_exitkit("inventory", "validate", path)

    assert run.code == 2, run
    assert "Traceback" not in run.err + run.out
    first = run.err.strip().splitlines()[0]
    match = re.search(re.escape(str(path)) + r":(\d+):(\d+): ", first)
    assert match, run
    if line is not None:
        assert int(match.group(1)) == line, run
    assert words in run.err, run
    assert NET_PASSWORD not in run.err + run.out


def test_there_are_at_least_twenty_malformed_cases() -> None:
    assert len(CASES) >= 20


def test_error_points_at_the_offending_asset_line(tmp_path: Path) -> None:
    path = tmp_path / "estate.yaml"
    path.write_text(VALID.replace("quantity: 120", "quantity: -3"))
    run = run_exitkit("inventory", "validate", path)
    line_of_quantity = VALID.splitlines().index("  quantity: 120") + 1
    assert f"{path}:{line_of_quantity}:" in run.err
    assert "assets[0] (m365).quantity" in run.err


@pytest.mark.parametrize(
    "line",
    [
        "[10.0.0.1]:22 ssh-ed25519 not-base64!",
        "10.0.0.1 ssh-ed25519",
        "garbage",
        "|1|c2hvcnQ=|c2hvcnQ= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
    ],
)
def test_a_broken_known_hosts_line_is_refused_naming_its_file_and_line(
    tmp_path: Path, line: str
) -> None:
    path = tmp_path / "estate.yaml"
    path.write_text(
        _with_asset(
            "- {id: sw1, kind: network_device, platform: cisco_ios, host: h, credentials: net-ro}\n"
        )
    )
    (tmp_path / "known_hosts").write_text("# pinned by the NOC\n\n" + line + "\n")

    run = run_exitkit("inventory", "validate", path)

    assert run.code == 2, run
    assert f"{tmp_path / 'known_hosts'}:3: not a known_hosts line" in run.err
    assert "Traceback" not in run.err


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    run = run_exitkit("inventory", "validate", tmp_path / "nowhere")
    assert run.code == 2
    assert "not found" in run.err
