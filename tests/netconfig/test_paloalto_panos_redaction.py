"""PAN-OS redaction and normalisation, in both forms exitkit reads (`set` commands and the XML of
`show config running`): every secret form hides exactly its value, look-alikes (objects named
`key` or `secret`, public keys, descriptions, the login banner) stay byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.redact import REDACTED, redact
from tests.netconfig.redaction_cases import (
    CONFIGS,
    assert_secrets_gone_and_lines_kept,
    redacted_form,
)

FORMS = [
    "set mgt-config users admin phash «$5$wqnqkfzl$X0pS8R3hX7s9eH3gkq1zLQ»",
    "set mgt-config users ro phash «$1$hmzqpmrd$Rq8nV3xL2cT7yB5wK9eJ1.»",
    "set shared local-user-database user u1 phash «$5$brk$Y7uI8oP9aS0d»",
    "set shared server-profile radius r1 server a secret «-AQ==Zx9Yw8Xv7=Qo0Pn9»",
    "set shared server-profile tacplus t1 server a secret «-AQ==Ab1Cd2=St0Uv1»",
    "set shared server-profile ldap ad bind-password «-AQ==Lm2No3=De1Fg2»",
    "set shared server-profile email e1 server s1 auth password «-AQ==Qw1Er2=Lz0Xc1»",
    "set shared certificate gp private-key «-AQ==Pk1Ey2Bl3=Cc0Dd1»",
    "set network ike gateway gw authentication pre-shared-key key «-AQ==Gw1Ke2=Aa0Nn1»",
    'set network ike gateway gw authentication pre-shared-key key "«clear text psk»"',
    "set network virtual-router vr protocol ospf auth-profile p md5 1 key «-AQ==Os1Pf2=Ee0Ff1»",
    "set network virtual-router vr protocol ospf auth-profile p password «-AQ==Op1=Xx»",
    "set network virtual-router vr protocol bgp auth-profile b secret «-AQ==Bg1Pp2=Ii0Jj1»",
    "set deviceconfig system snmp-setting access-setting version v2c snmp-community-string «Dc1c0mm»",
    "set deviceconfig system snmp-setting access-setting version v3 users u authpwd «-AQ==8vA=Hq0»",
    "set deviceconfig system snmp-setting access-setting version v3 users u privpwd «-AQ==3nB=Jk0»",
    "set shared log-settings snmptrap t version v2c server s community «TrapC0mm»",
    "set network tunnel ipsec t1 manual-key esp authentication sha256 key «-AQ==Mk1=Zz»",
    "set deviceconfig system panorama local-panorama auth-key «-AQ==Pn1=Yy»",
    "      <phash>«$5$wqnqkfzl$X0pS8R3hX7s9eH3gkq1zLQ»</phash>",
    "              <secret>«-AQ==Zx9Yw8Xv7=Qo0Pn9»</secret>",
    "            <bind-password>«-AQ==Lm2No3=De1Fg2»</bind-password>",
    "                <key>«-AQ==Gw1Ke2=Aa0Nn1»</key>",
    "          <snmp-community-string>«Dc1c0mm»</snmp-community-string>",
    "            <authpwd>«-AQ==8vA=Hq0»</authpwd>",
    "            <privpwd>«-AQ==3nB=Jk0»</privpwd>",
    "          <private-key>«-AQ==Pk1Ey2Bl3=Cc0Dd1»</private-key>",
    "            <password>«-AQ==Qw1Er2=Lz0Xc1»</password>",
    "set shared server-profile http h server s1 url https://svc:«Hook-Pw1»@hooks.corp.example",
]

NOT_SECRETS = [
    "set address key-vault ip-netmask 10.20.30.40",
    "set address key ip-netmask 10.20.30.41",
    "set address-group secret static [ key-vault ]",
    "set rulebase security rules key-vault-access action allow",
    "set zone secret network layer3 [ ethernet1/3 ]",
    "set mgt-config users key-custodian public-key c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJ",
    "set mgt-config password-complexity minimum-length 12",
    "set network ike gateway gw authentication pre-shared-key key",
    'set rulebase security rules r1 description "password vault sync; secret key share"',
    'set network interface ethernet ethernet1/1 comment "psk and secret rotated 2024"',
    "      <public-key>c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJ</public-key>",
    "      <description>the key and the secret are in the vault</description>",
    '      <entry name="key-vault">',
    "        <members>secret</members>",
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_form_hides_its_value_and_only_it(marked: str) -> None:
    assert redacted_form("paloalto_panos", marked).count == 1


@pytest.mark.parametrize("line", NOT_SECRETS)
def test_look_alikes_stay_byte_for_byte(line: str) -> None:
    assert redact("paloalto_panos", line).text == line


@pytest.mark.parametrize("name", ["panos_edge_fw.set", "panos_edge_fw.xml"])
def test_a_real_configuration_keeps_no_secret_and_every_other_line(name: str) -> None:
    source = (CONFIGS / name).read_text()
    secrets = (CONFIGS / f"{name}.secrets").read_text().split()
    clean = redact("paloalto_panos", source).text
    kept = assert_secrets_gone_and_lines_kept(source, clean, secrets)
    assert "The password policy and key handling rules of CORP-SEC-07 apply." in kept
    assert normalise("paloalto_panos", source).text == source


WORD = st.sampled_from(
    ["phash", "secret", "key", "bind-password", "password", "authpwd", "privpwd", "community"]
)
VALUE = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=$.-_!%",
    min_size=1,
    max_size=60,
)
PATH = st.lists(st.sampled_from(["shared", "network", "profile-a", "entry-1", "vr"]), max_size=4)


@settings(max_examples=80, deadline=None)
@given(path=PATH, word=WORD, value=VALUE)
def test_a_secret_value_of_any_spelling_is_hidden_in_both_forms(
    path: list[str], word: str, value: str
) -> None:
    if value in ("key", "md5", "sha1", "sha256"):
        value = "x" + value
    prefix = " ".join(["set", "mgt", *path, word])
    assert redact("paloalto_panos", f"{prefix} {value}").text == f"{prefix} {REDACTED}"
    xml = f"    <{word}>{value}</{word}>"
    assert redact("paloalto_panos", xml).text == f"    <{word}>{REDACTED}</{word}>"


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.builds(
            lambda p, w, v: " ".join(["set", *p, w, v]),
            PATH,
            st.sampled_from(["ip-netmask", "description", "action", "hostname", "key-size"]),
            st.text(alphabet="abcdefghij0123456789./", min_size=1, max_size=20),
        ),
        min_size=1,
        max_size=10,
    ),
    context=st.booleans(),
)
def test_lines_without_a_secret_stay_and_only_the_edit_context_goes(
    lines: list[str], context: bool
) -> None:
    text = "\n".join(lines) + "\n"
    assert redact("paloalto_panos", text).text == text
    shown = "\n".join([*lines, "[edit]"] if context else lines)
    assert normalise("paloalto_panos", shown).text == text
