"""MikroTik RouterOS 7 (an RB5009 branch router): prompt and replies, `/system resource print`,
the export's menu order and a realistic configuration with planted secrets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.ros_cli import RouterOsCli
from exitkit.sandbox.devices.ros_config import RouterOsConfig

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker


def dump(state: DeviceState, sensitive: bool) -> list[str]:
    config = state.running
    assert isinstance(config, RouterOsConfig)
    return config.terse_lines(sensitive)


def version(state: DeviceState) -> list[str]:
    """`/system resource print`."""
    return [
        "                   uptime: 17d5h42m",
        f"                  version: {state.dialect.software}",
        "               build-time: 2024-10-22 14:11:02",
        "                 cpu-load: 1%",
        "        architecture-name: arm64",
        f"               board-name: {state.dialect.model}",
        "                 platform: MikroTik",
    ]


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""/interface bridge add name=bridge-lan comment="LAN bridge"
/interface wireguard add listen-port=13231 mtu=1420 name=wg-hq private-key="{s.word("wgk")}="
/interface l2tp-client add connect-to=203.0.113.{b} ipsec-secret={s.word("l2tp-")} name=l2tp-backup password={s.word("l2tpu-")} user=branch-{a}
/interface pppoe-client add add-default-route=yes interface=ether1 name=pppoe-isp password={s.word("isp-")} user=branch{a}@isp.example
/interface wireless security-profiles add authentication-types=wpa2-psk mode=dynamic-keys name=corp-wifi supplicant-identity=MikroTik wpa2-pre-shared-key={s.word("wifi-")}
/interface bridge port add bridge=bridge-lan interface=ether2
/interface bridge port add bridge=bridge-lan interface=ether3
/interface wireguard peers add allowed-address=10.0.0.0/16 endpoint-address=203.0.113.{b} endpoint-port=13231 interface=wg-hq preshared-key="{s.word("wgp")}=" public-key="hQ2kVn7cWm0Xr1Lb9Y4sGd3aT6pJ8uEf5iKz0oN1wRc="
/ip address add address=10.{a}.{b}.1/24 interface=bridge-lan network=10.{a}.{b}.0
/ip address add address=172.31.{b}.2/30 interface=wg-hq network=172.31.{b}.0
/ip dns set servers=10.0.10.53,10.0.10.54
/ip firewall filter add action=accept chain=input comment="allow established" connection-state=established,related
/ip firewall filter add action=drop chain=input comment="drop from WAN, password spraying seen here" in-interface=pppoe-isp
/ip ipsec peer add address=198.51.100.{a}/32 name=hq-peer
/ip ipsec identity add peer=hq-peer secret={s.word("ike-")}
/ip route add distance=1 dst-address=10.0.0.0/16 gateway=172.31.{b}.1
/ppp secret add name=vpn-{a} password={s.word("ppp-")} profile=default-encryption service=l2tp
/radius add address=10.0.10.12 secret={s.word("rad-")} service=ppp,login
/routing bgp connection add as=65{b:03d} local.role=ebgp name=to-hq remote.address=172.31.{b}.1 tcp-md5-key={s.word("bgp-")}
/routing ospf instance add name=ospf-1 router-id=10.255.{a}.{b}
/routing ospf area add instance=ospf-1 name=backbone
/routing ospf interface-template add area=backbone auth=md5 auth-id=1 auth-key={s.word("ospf-")} interfaces=bridge-lan
/snmp community set [ find default=yes ] name={s.word("comm-")}
/snmp community add addresses=10.0.10.20/32 authentication-password={s.word("snmpa-")} authentication-protocol=SHA1 encryption-password={s.word("snmpp-")} encryption-protocol=AES name=monitor security=private
/snmp set contact=noc@corp.example enabled=yes location="Branch {a}" trap-community={s.word("trap-")}
/system clock set time-zone-name=Europe/Paris
/system identity set name={host}
/system note set note="Authorised access only. The admin password and keys are in the vault." show-at-login=yes
/system ntp client set enabled=yes
/tool e-mail set from=router@corp.example port=587 server=smtp.corp.example tls=starttls user=router password={s.word("mail-")}
/user add group=full name={user}
"""  # noqa: E501 (a terse export writes each command on one line, however long)


ROUTEROS = Dialect(
    platform="mikrotik_routeros",
    short_name="ros",
    default_hostname="MikroTik",
    login_banner="\r\n\r\n  MikroTik RouterOS 7.16.1 (c) 1999-2024       https://www.mikrotik.com/\r\n\r\n",
    has_enable=False,
    config_banner="",
    invalid_input="bad command name",
    privileged_only="",
    length_reply="",
    width_reply="",
    pager_prompt="-- [Q quit|D dump|down]",
    pager_erase="\r" + " " * 24 + "\r",
    indent="    ",
    separator="",
    version_line="",
    software="7.16.1 (stable)",
    model="RB5009UG+S+",
    # The menus in the order `/export` prints them.
    section_order=sections(
        "/interface bridge, /interface ethernet, /interface wireguard, /interface l2tp-client, "
        "/interface pppoe-client, /interface wireless, /interface bridge port, "
        "/interface wireguard peers, /ip pool, /ip address, /ip dns, /ip firewall, /ip ipsec peer, "
        "/ip ipsec identity, /ip route, /ppp secret, /radius, /routing bgp, "
        "/routing ospf instance, /routing ospf area, /routing ospf interface-template, "
        "/snmp community, /snmp, /system clock, /system identity, /system note, /system ntp, "
        "/tool, /user, *"
    ),
    openers=(),
    sub_openers=(),
    rejected=(),
    ignored=(),
    cli=RouterOsCli,
    config=RouterOsConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="/system identity set name={host}\n",
    touch='/snmp set location="touched-{n}"',
    # A user group without `sensitive` policy asking for `show-sensitive`.
    secondary_refusal="not enough permissions (9)",
    user_options="+",
)
