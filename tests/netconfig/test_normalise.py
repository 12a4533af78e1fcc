"""Normalisation: two reads of an unchanged device, which differ in timestamps, byte counts and
line ends, normalise to the same bytes; configuration lines are never dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise

BODY = {
    "cisco_ios": "version 15.9\nhostname core-1\n!\ninterface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n!\nend",
    "cisco_nxos": "version 9.3(8) Bios:version\nhostname leaf-1\n\ninterface Ethernet1/1\n  no shutdown",
    "arista_eos": "! device: spine-1 (vEOS-lab, EOS-4.31.0F)\n!\nhostname spine-1\n!\nend",
    "juniper_junos": "version 21.4R3.15;\nsystem {\n    host-name edge-1;\n}",
}


def _ios_time(t: dt.datetime) -> str:
    return f"{t:%H:%M:%S} UTC {t:%a %b} {t.day} {t.year}"


def header(platform: str, t: dt.datetime, size: int, period: int) -> list[str]:
    """What each platform prints around its configuration, fresh on every read."""
    unix = f"{t:%a %b %d %H:%M:%S %Y}"
    return {
        "cisco_ios": [
            "Building configuration...", "", f"Current configuration : {size} bytes",
            f"! Last configuration change at {_ios_time(t)} by admin",
            f"! NVRAM config last updated at {_ios_time(t)} by admin",
            f"Using {size} out of 262144 bytes", f"ntp clock-period {period}",
        ],
        "cisco_nxos": [
            "", "!Command: show running-config", f"!Running configuration last done at: {unix}",
            f"!Time: {unix}", f"!Startup config saved at: {unix}",
        ],
        "arista_eos": [
            "! Command: show running-config", f"! Time: {unix}",
            f"! Startup-config last modified at  {unix} by admin",
        ],
        "juniper_junos": [f"## Last commit: {t:%Y-%m-%d %H:%M:%S} UTC by admin", "{master:0}"],
    }[platform]  # fmt: skip


reads = st.tuples(
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)),
    st.integers(100, 999999),
    st.integers(17000000, 17999999),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", " ", "  "]),
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(BODY)), reads, reads)
def test_two_reads_of_an_unchanged_device_normalise_to_the_same_bytes(
    platform: str, one: tuple, two: tuple
) -> None:
    texts = []
    for when, size, period, newline, trailing in (one, two):
        lines = [*header(platform, when, size, period), *BODY[platform].split("\n"), ""]
        texts.append(newline.join(line + trailing for line in lines))

    first, second = (normalise(platform, text) for text in texts)

    assert first.text == second.text
    assert first.text == BODY[platform] + "\n"
    assert normalise(platform, first.text).text == first.text


NOT_HEADERS = ("!", "#", "{", "Building", "Current", "Using", "ntp clock-period")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(sorted(BODY)),
    st.lists(
        st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1).filter(
            lambda line: line.strip() and not line.lstrip().startswith(NOT_HEADERS)
        ),
        min_size=1,
        max_size=30,
    ),
)
def test_configuration_lines_are_never_dropped(platform: str, lines: list[str]) -> None:
    kept = normalise(platform, "\n".join(lines))

    assert kept.dropped == 0
    assert kept.text.splitlines() == [line.rstrip() for line in lines]


@pytest.mark.parametrize(
    ("platform", "line"),
    [
        ("cisco_ios", "ntp server 10.0.10.1"),
        ("cisco_ios", "! description of a comment kept by the operator"),
        ("cisco_nxos", "!#feature ssh"),
        ("arista_eos", "! device: eos-001 (vEOS-lab, EOS-4.31.0F)"),
        ("juniper_junos", "## SECRET-DATA"),
    ],
)
def test_lines_that_only_look_volatile_are_kept(platform: str, line: str) -> None:
    assert normalise(platform, line).text == line + "\n"
