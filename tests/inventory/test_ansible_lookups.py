"""`exitkit inventory ansible`: credentials become lookups, never values, and a `{file: PATH}`
credential is found by stock Ansible from any working directory."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import base_estate, run_exitkit, write_estate

PASSWORD = "Sw0rdf1sh-from-a-file"
SECRET = "enable-Secr3t-from-a-file"
PLAY = """
- name: Show what the lookups give, hashed
  hosts: network_device
  gather_facts: false
  vars:
    ansible_connection: local  # the lookups are what is tested, not a device
  tasks:
    - name: Hash each credential
      ansible.builtin.debug:
        msg: "{{ inventory_hostname }} {{ ansible_user }} {{ ansible_password | hash('sha256') }}
          {{ ansible_become_password | hash('sha256') }}"
"""


def test_file_credentials_resolve_from_any_working_directory(tmp_path: Path) -> None:
    credentials = {
        "lab": {
            "username": "netops",
            "password": {"file": "secrets/password"},
            "secret": {"file": "secrets/enable"},
        }
    }
    device = {"id": "core-sw-1", "kind": "network_device", "platform": "cisco_ios",
              "host": "192.0.2.10", "credentials": "lab"}  # fmt: skip
    estate = write_estate(tmp_path / "estate", base_estate(credentials=credentials,
                                                           assets=[device]))  # fmt: skip
    (estate / "secrets").mkdir()
    (estate / "secrets" / "password").write_text(PASSWORD + "\n")
    (estate / "secrets" / "enable").write_text(SECRET + "\n")
    (tmp_path / "plays").mkdir()
    (tmp_path / "plays" / "show.yml").write_text(PLAY)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    written = run_exitkit("inventory", "ansible", "estate", "-o", "hosts.yml", cwd=tmp_path)
    tools = Path(sys.executable).parent
    played = subprocess.run(
        [tools / "ansible-playbook", "-i", tmp_path / "hosts.yml", tmp_path / "plays" / "show.yml"],
        capture_output=True, text=True, cwd=elsewhere, timeout=120, check=False,
        env={**os.environ, "ANSIBLE_NOCOLOR": "1"},
    )  # fmt: skip

    assert written.code == 0, written
    text = (tmp_path / "hosts.yml").read_text()
    assert PASSWORD not in text and SECRET not in text
    host = yaml.safe_load(text)["all"]["hosts"]["core-sw-1"]
    assert host["ansible_password"] == (
        "{{ lookup('ansible.builtin.file', '" + str(estate / "secrets" / "password") + "') }}"
    )
    assert played.returncode == 0, played.stdout + played.stderr
    hashed = [hashlib.sha256(value.encode()).hexdigest() for value in (PASSWORD, SECRET)]
    assert f"core-sw-1 netops {hashed[0]} {hashed[1]}" in played.stdout
