"""Why an asset, or one call of a cloud export, failed: the one failure type and the one list of
error classes a record can carry (`error_class` in manifest.json and completeness.json, in
account.json `failures`, in `exitkit export` and `exitkit verify` output).

A failure is data: raised inside an exporter (or a collector it uses), it is caught by the export
run and recorded against its asset; it never stops the other assets. A new class is added here,
with its line, before any code raises it (tests/test_one_definition.py checks every class raised).
"""

from __future__ import annotations

ERROR_CLASSES: dict[str, str] = {
    # any asset
    "credentials": "a credential the asset names cannot be resolved (environment variable or "
    "file missing)",
    "internal": "an error exitkit does not classify: a defect to report; the reason names it",
    # network devices (exitkit/netconfig/faults.py says which are retried)
    "auth": "the login was refused (device, cloud API or Graph), or the device refused enable",
    "unreachable": "no connection: refused, no route, a name that does not resolve, no answer",
    "timeout": "connected, but no complete answer within the time limit (SSH, a command, git)",
    "dropped": "the connection was cut during the SSH handshake or in the middle of an answer",
    "unexpected-output": "the device answered, but not with a configuration (wrong platform:?)",
    "ssh-algorithms": "the device offers only SSH algorithms its entry does not allow (legacy_ssh)",
    "host-key-unknown": "no pinned host key for the device, and no --accept-new-host-keys",
    "host-key-changed": "the device presented another host key than the pinned one",
    "unsupported-platform": "the device's platform: is not one exitkit can read",
    # cloud accounts and tenants (per asset, or per call in account.json `failures`)
    "no-credentials": "the SDK's credential chain found no credential to sign in with",
    "wrong-account": "the credentials reach another account, subscription or tenant than the "
    "declared one",
    "access-denied": "the credentials are valid but not allowed this call (see access/)",
    "throttled": "the API kept refusing for too many requests, past the retries",
    "service-error": "the service answered with a server error (5xx) or an unreadable answer",
    "api-error": "the API refused the call for another reason; the reason quotes its code",
    "not-found": "the API says the resource does not exist",
    "not-enabled": "the service is not enabled on the account (AWS Organizations...)",
    "bad-input": "the SDK refused the call before sending it (no region, a malformed parameter)",
    "partial-template": "Azure exported a resource group's template only in part",
    # scripts and documents
    "missing": "the document or repository path does not exist, or the folder is empty",
    "changed": "the document changed while it was being copied",
    "tool-missing": "a tool exitkit runs is not installed (git)",
    "git": "git refused to bundle the repository; the reason is git's last line, no credential",
    "not-a-repository": "the script's repo: is not a git repository",
    "empty": "the repository has no commit at the requested ref",
}


class AssetFailure(Exception):
    """One asset could not be exported; recorded with its class, never stops the run.

    `error_class` is one of ERROR_CLASSES; `reason` is one line for the person reading the record,
    written by exitkit (never copied from device output) and scrubbed of secrets at the boundary.
    """

    def __init__(self, error_class: str, reason: str) -> None:
        super().__init__(reason)
        self.error_class = error_class
        self.reason = reason
