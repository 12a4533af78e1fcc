#!/usr/bin/python
"""Ansible module: apply an exported configuration to a lab device, then compare what it runs.

The per-platform rules (which lines configuration mode takes, redacted lines left out, commit
or save) are exitkit's own (`exitkit.netconfig`), so exitkit and netmiko must be installed in
the Python that runs this module. In check mode nothing is sent: the lab's configuration is
read and the lines it lacks are reported.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: exitkit_restore_config
short_description: Re-apply an exported device configuration to a lab device and compare
options:
  platform: {description: netmiko device_type of the lab device, type: str, required: true}
  host: {description: lab device address, type: str, required: true}
  port: {description: SSH port, type: int, default: 22}
  login:
    description: where the login comes from, per field username/password/secret,
      each {value: X} (username only), {env: NAME} or {file: PATH}; never a secret value
    type: dict
    default: {}
  config_file:
    description: the exported restore file (running.cfg, configuration.set)
    type: path
    required: true
  timeout: {description: connection timeout in seconds, type: int, default: 30}
"""


def resolve(reference):
    """The value behind {value: X}, {env: NAME} or {file: PATH}; None when not given."""
    if not reference:
        return None
    if "value" in reference:
        return reference["value"]
    if "env" in reference:
        if reference["env"] not in os.environ:
            raise ValueError(f"environment variable {reference['env']} is not set")
        return os.environ[reference["env"]]
    return Path(reference["file"]).read_text(encoding="utf-8").rstrip("\r\n")


def main():
    module = AnsibleModule(
        argument_spec={
            "platform": {"type": "str", "required": True},
            "host": {"type": "str", "required": True},
            "port": {"type": "int", "default": 22},
            "login": {"type": "dict", "default": {}},
            "config_file": {"type": "path", "required": True},
            "timeout": {"type": "int", "default": 30},
        },
        supports_check_mode=True,
    )
    try:
        from netmiko import ConnectHandler

        from exitkit.netconfig.platforms import platform_of
        from exitkit.netconfig.restore import apply_config, missing_lines, restorable_lines
    except ImportError as error:
        module.fail_json(msg=f"exitkit and netmiko must be installed for this module: {error}")
    params = module.params
    platform = platform_of(params["platform"])
    if platform is None:
        module.fail_json(msg=f"exitkit cannot restore to device type {params['platform']!r}")
    try:
        text = Path(params["config_file"]).read_text(encoding="utf-8")
        names = ("username", "password", "secret")
        login = {name: resolve(params["login"].get(name)) for name in names}
    except (OSError, ValueError) as error:
        module.fail_json(msg=f"cannot prepare the restore: {error}")
    lines, skipped = restorable_lines(platform, text)
    show = next(f.command for f in platform.files if f.name == platform.restore_file)
    device = {
        "device_type": params["platform"],
        "host": params["host"],
        "port": params["port"],
        "username": login["username"] or "",
        "password": login["password"] or "",
        "secret": login["secret"] or "",
        "timeout": params["timeout"],
        "conn_timeout": params["timeout"],
    }
    try:
        if not module.check_mode:
            apply_config(device, text)
        connection = ConnectHandler(**device)
        try:
            if platform.enable:
                connection.enable()
            now = connection.send_command(show)
        finally:
            connection.disconnect()
    except Exception as error:  # netmiko raises many types; the message is what matters
        where = f"{params['host']}:{params['port']}"
        module.fail_json(msg=f"lab device {where}: {type(error).__name__}: {error}")
    missing = missing_lines(platform, text, now)
    verb = "checked" if module.check_mode else "applied"
    module.exit_json(
        changed=not module.check_mode and bool(lines),
        applied_lines=0 if module.check_mode else len(lines),
        would_apply=len(lines),
        skipped_lines=skipped,
        missing_lines=missing[:200],
        running_sha256=hashlib.sha256(now.encode()).hexdigest(),
        msg=f"{len(lines)} line(s) {verb}, {len(missing)} absent afterwards",
    )


if __name__ == "__main__":
    main()
