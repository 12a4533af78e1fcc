"""Fortinet FortiOS (a FortiGate without VDOMs): prompt and replies, `get system status`, the
configuration layout and a realistic branch firewall configuration with planted secrets."""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.forti_cli import FortiCli
from exitkit.sandbox.devices.forti_config import FortiConfig, encrypt

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker


def dump(state: DeviceState, full: bool) -> list[str]:
    """The configuration as `show` prints it after its header (secrets encrypted anew)."""
    config = state.running
    assert isinstance(config, FortiConfig)
    return config.render(encrypt)


def version(state: DeviceState) -> list[str]:
    """`get system status`."""
    d = state.dialect
    return [
        f"Version: {d.model} {d.software}",
        "Firmware Signature: certified",
        "Virus-DB: 92.08863(2024-11-26 16:24)",
        f"Serial-Number: FGT60FTK{state.serial[:8]}",
        "License Status: Valid",
        "BIOS version: 05000011",
        "Log hard disk: Not available",
        f"Hostname: {state.running.hostname()}",
        "Private Encryption: Disable",
        "Operation Mode: NAT",
        "Current virtual domain: root",
        "Max number of virtual domains: 10",
        "Virtual domains status: 1 in NAT mode, 0 in TP mode",
        "Virtual domain configuration: disable",
        "FIPS-CC mode: disable",
        "Current HA mode: standalone",
        "Branch point: 1639",
        "Release Version Information: GA",
        f"System time: {state.tick():%a %b %d %H:%M:%S %Y}",
        "Last reboot reason: warm reboot",
    ]


def _admin_hash(s: SecretMaker) -> str:
    """An admin password hash as FortiOS shows it (`SH2` and base64), planted as it is."""
    seed = s.word("")
    s.planted.remove(seed)
    value = "SH2" + base64.b64encode(hashlib.sha512(seed.encode()).digest()[:45]).decode()
    s.planted.append(value)
    return value


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""config system global
    set hostname "{host}"
    set alias "FortiGate-60F"
    set admin-sport 8443
    set admintimeout 30
    set timezone 28
end
config system interface
    edit "wan1"
        set vdom "root"
        set ip 198.51.100.{a} 255.255.255.248
        set allowaccess ping https ssh
        set type physical
        set description "ISP uplink, circuit 4471-{b}"
        set role wan
    next
    edit "internal"
        set vdom "root"
        set ip 10.{a}.{b}.1 255.255.255.0
        set allowaccess ping https ssh snmp
        set type hard-switch
        set role lan
    next
end
config system admin
    edit "{user}"
        set accprofile "super_admin"
        set vdom "root"
        set password ENC {_admin_hash(s)}
    next
    edit "auditor"
        set accprofile "prof_admin"
        set vdom "root"
        set password ENC {_admin_hash(s)}
    next
end
config system ha
    set group-name "branch-{b}"
    set mode a-p
    set password {s.word("ha-")}
    set hbdev "dmz" 50
end
config system dns
    set primary 10.0.10.53
    set secondary 10.0.10.54
end
config system replacemsg admin "pre_admin-disclaimer-text"
    set buffer "Authorised access only. The password you type and every key
you press are logged. Disconnect now if you are not authorised."
end
config system ntp
    set ntpsync enable
    set type custom
    set authentication enable
    set key-type SHA1
    set key {s.word("ntp-")}
    set key-id 1
    config ntpserver
        edit 1
            set server "10.0.10.1"
        next
    end
end
config system snmp sysinfo
    set status enable
    set description "branch firewall"
    set contact-info "noc@corp.example"
    set location "Branch {a}"
end
config system snmp community
    edit 1
        set name "{s.word("comm-")}"
        config hosts
            edit 1
                set ip 10.0.10.20 255.255.255.255
            next
        end
    next
end
config system snmp user
    edit "snmpv3-mon"
        set notify-hosts 10.0.10.20
        set security-level auth-priv
        set auth-proto sha256
        set auth-pwd {s.word("auth-")}
        set priv-proto aes256
        set priv-pwd {s.word("priv-")}
    next
end
config user radius
    edit "nps-1"
        set server "10.0.10.12"
        set secret {s.word("rad-")}
        set nas-ip 10.{a}.{b}.1
    next
end
config user tacacs+
    edit "tac-1"
        set server "10.0.10.11"
        set key {s.word("tac-")}
    next
end
config user ldap
    edit "corp-ldap"
        set server "10.0.10.13"
        set cnid "sAMAccountName"
        set dn "dc=corp,dc=example"
        set type regular
        set username "cn=fgt-bind,ou=svc,dc=corp,dc=example"
        set password {s.word("ldap-")}
    next
end
config user local
    edit "vpn-guest"
        set type password
        set passwd {s.word("usr-")}
    next
end
config vpn ipsec phase1-interface
    edit "to-hq"
        set interface "wan1"
        set peertype any
        set net-device disable
        set proposal aes256-sha256
        set remote-gw 203.0.113.{b}
        set psksecret {s.word("psk-")}
    next
end
config vpn ipsec phase2-interface
    edit "to-hq"
        set phase1name "to-hq"
        set proposal aes256-sha256
    next
end
config firewall address
    edit "hq-lan"
        set subnet 10.0.0.0 255.255.0.0
    next
end
config firewall policy
    edit 1
        set name "lan-to-wan"
        set srcintf "internal"
        set dstintf "wan1"
        set action accept
        set srcaddr "all"
        set dstaddr "all"
        set schedule "always"
        set service "ALL"
        set nat enable
        set comments "password reset portal reachable from here"
    next
end
config router static
    edit 1
        set gateway 198.51.100.{a % 250 + 1}
        set device "wan1"
    next
end
config router ospf
    set router-id 10.255.{a}.{b}
    config area
        edit 0.0.0.0
        next
    end
    config ospf-interface
        edit "internal-ospf"
            set interface "internal"
            set authentication md5
            config md5-keys
                edit 1
                    set key-string {s.word("ospf-")}
                next
            end
        next
    end
end
config router bgp
    set as 65{b:03d}
    config neighbor
        edit "203.0.113.{b}"
            set remote-as 65000
            set password {s.word("bgp-")}
        next
    end
end
"""


FORTIOS = Dialect(
    platform="fortinet",
    short_name="fgt",
    default_hostname="FortiGate-60F",
    login_banner="",
    has_enable=False,
    config_banner="",
    invalid_input="Unknown action 0",
    privileged_only="",
    length_reply="",
    width_reply="",
    pager_prompt="--More-- ",
    pager_erase="\r         \r",
    indent="    ",
    separator="",
    version_line="",
    software="v7.2.8,build1639,240313 (GA.M)",
    model="FortiGate-60F",
    # Where FortiOS prints each table (its own schema order), unknown tables after them.
    section_order=sections(
        "config system global, config system accprofile, config system interface, "
        "config system admin, config system ha, config system dns, config system replacemsg, "
        "config system console, config system ntp, config system snmp sysinfo, "
        "config system snmp community, config system snmp user, config user radius, "
        "config user tacacs+, config user ldap, config user local, config vpn certificate, "
        "config vpn ipsec phase1-interface, config vpn ipsec phase2-interface, "
        "config firewall address, config firewall policy, *, config router static, "
        "config router ospf, config router bgp"
    ),
    openers=(),
    sub_openers=(),
    rejected=(),
    ignored=(),
    cli=FortiCli,
    config=FortiConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank='config system global\n    set hostname "{host}"\nend\n',
    touch='config system snmp sysinfo\n    set location "touched-{n}"\nend',
    # An access profile without `sysgrp read` is refused what it may not see.
    secondary_refusal="Permission denied.",
)
