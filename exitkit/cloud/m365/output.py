"""Write one tenant's export into its asset folder: one file per part that was read (JSON Lines
where many), then the records every cloud account has (access, undeclared, account)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from exitkit.cloud.access import ACCESS_SCHEMA, access_record
from exitkit.cloud.job import AccountJob
from exitkit.cloud.m365 import conditional_access, domains, licences, partners, roles
from exitkit.cloud.m365.catalog import GLOBAL_ADMINISTRATOR
from exitkit.cloud.m365.tenant import PARTS, TenantExport
from exitkit.cloud.output import ACCOUNT_SCHEMA, UNDECLARED_SCHEMA, account_record
from exitkit.inventory.models import License, Microsoft365Tenant

TENANT_SCHEMA = "m365-tenant.v1"
DOMAINS_FILE_SCHEMA = domains.DOMAINS_SCHEMA
LINE_FILES = (  # (file, part whose failure leaves it out, notes key, schema, sort key)
    ("directory-roles.jsonl", "directory-roles", roles.NOTE, roles.ROLES_SCHEMA,
     lambda r: (r["assignment"], r["role"]["name"], r["principal"]["id"], r["id"])),
    ("partner-relationships.jsonl", "partner-relationships", partners.RELATIONSHIPS,
     partners.RELATIONSHIP_SCHEMA, lambda r: r["id"]),
    ("partner-apps.jsonl", "partner-apps", partners.APPS, partners.APP_SCHEMA,
     lambda r: r["service_principal_id"]),
    ("conditional-access.jsonl", "conditional-access", conditional_access.NOTE,
     conditional_access.CA_SCHEMA, lambda r: (r["type"], r["id"])),
)  # fmt: skip


def write_tenant(job: AccountJob, export: TenantExport) -> None:
    asset = job.asset
    assert isinstance(asset, Microsoft365Tenant)
    counted: Counter[str] = Counter()
    for name, part, note, schema, key in LINE_FILES:
        if not export.failed(part):
            lines = sorted(export.notes(note), key=key)
            counted[part] = len(lines)
            job.output.write_bytes(name, _json_lines(lines), schema)
    if not export.failed("domains"):
        found = export.notes(domains.NOTE)
        counted["domains"] = len(found)
        record = domains.domains_record(asset.tenant_id, found)
        job.output.write_json("domains.json", record, DOMAINS_FILE_SCHEMA)
    undeclared = _write_licences(job, asset, export, counted)
    job.output.write_json("tenant.json", _tenant_record(asset, export), TENANT_SCHEMA)
    admins = export.account.collection.admins
    access = access_record(asset.id, "microsoft365", export.account.account, admins,
                           asset.client_principals, export.account.access_complete)  # fmt: skip
    _name_global_admins(access, admins, asset)
    job.output.write_json("access.json", access, ACCESS_SCHEMA)
    job.output.write_json("undeclared.json", undeclared, UNDECLARED_SCHEMA)
    summary = account_record(asset.id, export.account)
    for row in summary["services"]:
        row["resources"] = counted[row["service"]]
    summary["totals"]["resources"] = sum(counted.values())
    job.output.write_json("account.json", summary, ACCOUNT_SCHEMA)


def _json_lines(lines: list[dict[str, Any]]) -> bytes:
    text = "".join(
        json.dumps(line, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
        for line in lines
    )
    return text.encode("utf-8")


def _write_licences(
    job: AccountJob, asset: Microsoft365Tenant, export: TenantExport, counted: Counter[str]
) -> dict[str, Any]:
    """licences.json (when the SKUs were read) and the undeclared record built from it."""
    checked = {"source": "subscribedSkus", "status": "failed (see account.json)"}
    record = {"asset": asset.id, "cloud": "microsoft365", "account": asset.tenant_id.lower()}
    if export.failed("licences"):
        return {**record, "checked": [checked], "findings": []}
    declared = [a for a in job.inventory.assets if isinstance(a, License)]
    found = export.notes(licences.SKUS)
    subs = None if export.failed("subscriptions") else export.notes(licences.SUBSCRIPTIONS)
    rows, findings = licences.compare(asset, declared, found, subs)
    counted["licences"], counted["subscriptions"] = len(found), len(subs or [])
    document: dict[str, Any] = {
        "tenant": asset.tenant_id.lower(),
        "skus": found,
        "subscriptions": subs,
        "declared": rows,
        "findings": sorted(findings, key=lambda f: (f["code"], f.get("id", ""))),
    }
    job.output.write_json("licences.json", document, licences.LICENCES_SCHEMA)
    strays = [f for f in document["findings"] if f["code"] == "licence-undeclared"]
    return {**record, "checked": [{**checked, "status": "read"}], "findings": strays}


def _tenant_record(asset: Microsoft365Tenant, export: TenantExport) -> dict[str, Any]:
    """Who the tenant is, which parts were read, and counts (never a list of people)."""
    lines = export.notes(roles.NOTE)
    admins = [r for r in lines if r["role"]["template_id"] == GLOBAL_ADMINISTRATOR]
    relationships = export.notes(partners.RELATIONSHIPS)
    apps = export.notes(partners.APPS)
    failed = {f.service for f in export.account.collection.failures}
    parts = sorted({part for part, _, _ in PARTS} | {"pim-eligible"})
    return {
        "tenant": asset.tenant_id.lower(),
        "display_name": export.account.details["display_name"],
        "parts": [{"part": p, "status": "failed" if p in failed else "read"} for p in parts],
        "counts": {
            "role_assignments": dict(Counter(r["assignment"] for r in lines)),
            "privileged_assignments": sum(1 for r in lines if r["role"]["privileged"]),
            "global_administrators": dict(Counter(r["classification"] for r in admins)),
            "role_holders": len({r["principal"]["id"] for r in lines}),
            "partner_relationships_live": sum(1 for r in relationships if r["live"]),
            "foreign_apps": len(apps),
            "foreign_apps_writing": sum(1 for a in apps if a["directory_write"]),
        },
    }


def _name_global_admins(access: dict[str, Any], admins: list[Any], asset: Any) -> None:
    """The tenant's own words for the missing client admin: who holds Global Administrator."""
    holders = sorted({a.name or a.principal for a in admins if a.account_wide})
    for finding in access["findings"]:
        if finding["code"] == "cloud-no-client-admin":
            finding["message"] = (
                f"no client principal holds Global Administrator on tenant {asset.tenant_id} "
                f"(held by: {', '.join(holders) or 'nobody readable'}): the client could not "
                "take the tenant over"
            )
