"""FortiOS redaction and normalisation: every secret form hides exactly its value (the `ENC`
marker, key ids, setting and entry names stay), look-alikes and prose stay byte for byte, and the
values FortiOS re-encrypts on every read leave the redacted view unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.pem_blocks import redact_private_keys
from exitkit.netconfig.redact import REDACTED, redact

CONFIGS = Path(__file__).parent / "configs"
SECRET = re.compile("«([^»]*)»")


def _source(marked: str) -> str:
    return SECRET.sub(r"\1", marked)


def _expected(marked: str) -> str:
    return SECRET.sub(REDACTED, marked)


# «...» marks the secret value; the rest of the text must come out unchanged.
FORMS = [
    'config system admin\n    edit "admin"\n        set password ENC «SH2x6N1qlr4QzC0R5J6nO3Jf=»\n',
    'config system admin\n    edit "ops"\n        set password ENC «AK1VBJKe6Ro+O2Cs»\n',
    'config system admin\n    edit "ops"\n        set history0 ENC «SH2ab+c=»\n',
    'config user local\n    edit "guest"\n        set passwd ENC «vLGSyf+Uf2Tq6vfR/yz2zV6E==»\n',
    'config user local\n    edit "guest"\n        set passwd «Cl34rText!»\n',
    'config vpn ipsec phase1-interface\n    edit "hq"\n        set psksecret ENC «cHNrc2Vj==»\n',
    'config vpn ipsec phase1-interface\n    edit "hq"\n        set psksecret "«two words»"\n',
    'config vpn ipsec phase1-interface\n    edit "hq"\n        set ppk-secret ENC «cHBr»\n',
    'config user radius\n    edit "nps"\n        set secret ENC «cmFk»\n',
    'config user radius\n    edit "nps"\n        set secondary-secret ENC «cmFkMg==»\n',
    'config user radius\n    edit "nps"\n        set rsso-secret «RssoKey1»\n',
    'config user tacacs+\n    edit "ise"\n        set key ENC «dGFj»\n',
    'config user ldap\n    edit "ad"\n        set password ENC «bGRhcA==»\n',
    'config user fsso\n    edit "ag"\n        set password2 ENC «ZnNzbzI=»\n',
    "config system ha\n    set password ENC «aGE=»\n",
    "config system ntp\n    set key ENC «bnRw»\n    set key-id 2\n",
    'config system snmp user\n    edit "v3"\n        set auth-pwd ENC «YXV0aA==»\n',
    'config system snmp user\n    edit "v3"\n        set priv-pwd «PrivClear9»\n',
    'config system snmp community\n    edit 1\n        set name "«Dc1-R0-c0mm»"\n',
    'config router ospf\n    config ospf-interface\n        edit "o"\n'
    "            set authentication-key ENC «b3NwZg==»\n",
    'config router ospf\n    config ospf-interface\n        edit "o"\n            set md5-key 1 «Md5Clear»\n',
    'config router ospf\n    config ospf-interface\n        edit "o"\n            config md5-keys\n'
    "                edit 1\n                    set key-string ENC «a2V5»\n",
    'config router bgp\n    config neighbor\n        edit "192.0.2.1"\n'
    "            set password ENC «YmdwMQ==»\n",
    'config router rip\n    config interface\n        edit "p1"\n            set auth-string «RipKey»\n',
    "config router isis\n    set auth-password-l1 ENC «aXNpcw==»\n",
    'config system sdn-connector\n    edit "az"\n        set client-secret ENC «Y2xp»\n',
    'config system sdn-connector\n    edit "aws"\n        set secret-key ENC «c2Vj»\n',
    'config wireless-controller vap\n    edit "corp"\n        set passphrase ENC «d2lmaQ==»\n',
    'config vpn certificate local\n    edit "c"\n        set password ENC «Y2VydA==»\n',
    'config system interface\n    edit "port1"\n        set password ENC «cHBwb2U=»\n',
    'config system automation-action\n    edit "hook"\n'
    '        set uri "https://svc:«Hook-Pw1»@hooks.corp.example/fgt"\n',
]

# Lines that look like secrets and are not: names, ids, policies, prose.
NOT_SECRETS = """config system global
    set admin-lockout-threshold 3
    set hostname "fgt-password-vault"
end
config system password-policy
    set status enable
    set minimum-length 12
end
config system admin
    edit "secret-keeper"
        set accprofile "super_admin"
        set ssh-public-key1 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm1ao noc@jump1"
        set password-expire 2025-01-01 00:00:00
    next
end
config system ntp
    set key-type SHA1
    set key-id 2
end
config user local
    edit "key"
        set passwd-time 2024-02-01 09:12:44
        set two-factor fortitoken
    next
end
config firewall policy
    edit 1
        set name "password-reset-portal"
        set comments "secret share; set psksecret ENC abc is prose"
    next
end
config system replacemsg admin "pre_admin-disclaimer-text"
    set buffer "The password and key you type are logged.
set password ENC this-is-prose
set psksecret ClearLooking"
end
config vpn certificate local
    edit "c"
        set certificate "-----BEGIN CERTIFICATE-----
MIIDXTCCAkWgAwIBAgIJAKZ3l5n9cQe1MA0GCSqGSIb3DQEBCwUAMEUxCzAJBgNV
-----END CERTIFICATE-----"
    next
end
"""


def test_each_form_hides_its_value_and_only_it() -> None:
    for marked in FORMS:
        result = redact("fortinet", _source(marked))
        assert result.text == _expected(marked), marked
        assert result.count == marked.count("«"), marked


def test_look_alikes_and_prose_stay_byte_for_byte() -> None:
    assert redact("fortinet", NOT_SECRETS).text == NOT_SECRETS


def test_a_private_key_block_loses_its_body_and_keeps_its_markers() -> None:
    text = (
        '        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\n'
        "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIq2v7xW0xZ6ECAggA\n"
        "k3fQbq9Lr6m1ZcYb0XgTq9jJ4l2Wn8mPp0zKq3Yv6sHc1T8dR5uN2oF7iA9eB4xG\n"
        '-----END ENCRYPTED PRIVATE KEY-----"\n'
        '        set certificate "-----BEGIN CERTIFICATE-----\nMIIDXTCCAkWg\n'
        '-----END CERTIFICATE-----"\n'
    )
    clean, count = redact_private_keys(text)
    assert count == 2  # one per line of the body
    assert clean == (
        '        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\n<redacted>\n<redacted>\n'
        '-----END ENCRYPTED PRIVATE KEY-----"\n'
        '        set certificate "-----BEGIN CERTIFICATE-----\nMIIDXTCCAkWg\n'
        '-----END CERTIFICATE-----"\n'
    )
    assert redact_private_keys(clean) == (clean, 0)
    assert redact("fortinet", clean).text == clean  # the markers are not a secret


def test_a_real_configuration_keeps_no_secret_and_every_other_line() -> None:
    source = (CONFIGS / "fortios_dc_fgt_vdoms.conf").read_text()
    secrets = (CONFIGS / "fortios_dc_fgt_vdoms.conf.secrets").read_text().split()
    text, _ = redact_private_keys(source)
    clean = redact("fortinet", text).text
    assert [s for s in secrets if s in clean] == []
    kept = set(clean.splitlines())
    untouched = [line for line in source.splitlines() if not any(s in line for s in secrets)]
    assert [line for line in untouched if line not in kept] == []


def test_the_revision_counter_is_volatile_and_the_rest_stays() -> None:
    source = (CONFIGS / "fortios_dc_fgt_vdoms.conf").read_text()
    out = normalise("fortinet", source)
    assert out.dropped == 1 and "#conf_file_ver=" not in out.text
    assert out.text.splitlines() == [
        line for line in source.splitlines() if not line.startswith("#conf_file_ver=")
    ]


B64 = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", min_size=4
)
CLEAR = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters='"«»\\'),
    min_size=1,
    max_size=40,
)
SETTING = st.sampled_from(
    ["password", "passwd", "psksecret", "secret", "key", "auth-pwd", "priv-pwd", "key-string"]
)


@settings(max_examples=60, deadline=None)
@given(setting=SETTING, first=B64, second=B64, indent=st.integers(1, 4))
def test_a_re_encrypted_value_leaves_the_redacted_view_unchanged(
    setting: str, first: str, second: str, indent: int
) -> None:
    """FortiOS shows a new ENC value on every read: the redacted views are the same."""
    pad = "    " * indent
    one = redact("fortinet", f"config x\n{pad}set {setting} ENC {first}\n")
    two = redact("fortinet", f"config x\n{pad}set {setting} ENC {second}\n")
    assert one.text == two.text == f"config x\n{pad}set {setting} ENC {REDACTED}\n"


@settings(max_examples=60, deadline=None)
@given(setting=SETTING, value=CLEAR, quoted=st.booleans())
def test_a_clear_secret_of_any_spelling_is_hidden_and_the_line_kept(
    setting: str, value: str, quoted: bool
) -> None:
    if value.startswith("ENC") or value.startswith("-----BEGIN"):
        value = "x" + value
    shown = f'"{value}"' if quoted else value
    masked = f'"{REDACTED}"' if quoted else REDACTED
    result = redact("fortinet", f"config x\n    edit 1\n        set {setting} {shown}\n")
    assert result.text == f"config x\n    edit 1\n        set {setting} {masked}\n"


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(NAME, min_size=1, max_size=8),
    values=st.lists(
        st.text(alphabet='abcdefghij 0123456789."', max_size=30), min_size=8, max_size=8
    ),
    at=st.integers(0, 8),
    version=st.integers(0, 10**18),
)
def test_settings_that_hold_no_secret_stay_and_only_the_counter_goes(
    names: list[str], values: list[str], at: int, version: int
) -> None:
    lines = ["config system global"]
    lines += [
        f"    set x-{name} {value}".rstrip() for name, value in zip(names, values, strict=False)
    ]
    lines.append("end")
    text = "\n".join(lines) + "\n"
    assert redact("fortinet", text).text == text
    with_counter = lines[:]
    with_counter.insert(min(at, len(lines)), f"#conf_file_ver={version}")
    assert normalise("fortinet", "\n".join(with_counter)).text == text
    assert normalise("fortinet", text).text == text
