"""register-summary.md: the register in words, each derived value with what it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.inventory import dora_lists as codes
from exitkit.register.context import RegisterContext
from exitkit.register.facts import Derived
from exitkit.register.templates import TAXONOMY, TEMPLATES

if TYPE_CHECKING:
    from exitkit.register.build import RegisterResult

SUMMARY_FILE = "register-summary.md"


def derived_lines(context: RegisterContext) -> list[tuple[str, Derived]]:
    """(label, value and basis) for every value exitkit derived rather than copied."""
    register, estate = context.register, context.estate
    lines = [("exit plan", context.exit_plan)]
    for service, verdict in zip(register.services, context.reintegration, strict=True):
        name = f"{service.ict_service} {codes.ICT_SERVICE_NAMES[service.ict_service]}"
        lines.append((f"possibility of reintegration ({name})", verdict))
        count = len(service.alternatives)
        lines.append(
            (
                f"alternative providers identified ({service.ict_service})",
                Derived(
                    "yes" if count else "no",
                    f"dora_register.services[].alternatives names {count}",
                ),
            )
        )
    parent = register.provider.ultimate_parent
    lines += [
        (
            "notice period for the financial entity",
            Derived(f"{estate.contract.notice_days} days", "estate.yaml contract.notice_days"),
        ),
        ("date of last update (B_01.02)", Derived(str(estate.reviewed), "estate.yaml reviewed")),
        (
            "date of the reporting (B_01.01)",
            Derived(str(context.today), "the day this register was produced"),
        ),
        (
            "end of the arrangement",
            Derived(str(register.arrangement.end), "dora_register.arrangement.end")
            if register.arrangement.end
            else Derived(codes.OPEN_END, "open-ended: no dora_register.arrangement.end"),
        ),
        (
            "provider's ultimate parent",
            Derived(parent.lei, f"{parent.name}, with a B_05.01 row of its own")
            if parent
            else Derived(context.provider_lei, "the provider itself: no ultimate_parent given"),
        ),
        (
            "type of code of every party",
            Derived("LEI (eba_qCO:qx2000)", "client.lei and provider.lei, ISO 17442 checked"),
        ),
    ]
    return lines


def summary_text(result: RegisterResult) -> str:
    context = result.context
    estate = context.estate
    out = [
        f"# DORA register of information: {estate.estate}",
        "",
        f"- package: `{result.archive.name}` (unpacked in `{result.folder.name}/`)",
        f"- taxonomy: {TAXONOMY}, entry point written as a string, nothing fetched",
        f"- reference date {context.reference_date}, date of the reporting {context.today}",
        f"- arrangement {context.reference}: {estate.client.name} ({context.client_lei}) with "
        f"{estate.provider.name} ({context.provider_lei})",
        "",
        "## What exitkit derived, and what it rests on",
        "",
    ]
    out += [f"- **{label}: {d.value}** — {d.basis}" for label, d in derived_lines(context)]
    out += ["", "## Rows", "", "| template | title | rows | file |", "|---|---|---|---|"]
    for template_id, count in result.rows.items():
        template = TEMPLATES[template_id]
        out.append(f"| {template_id} | {template.title} | {count} | `{template.file}` |")
    out += [
        "",
        "## Data-quality rules",
        "",
        "| rule | source | checks | broken |",
        "|---|---|---|---|",
    ]
    for rule in result.rules:
        broken = sum(breach.group == rule.id for breach in result.breaches)
        out.append(f"| {rule.id} | {rule.source} | {rule.says} | {broken} |")
    out.append("")
    out += [f"- {breach.describe()}" for breach in result.breaches] or ["No rule is broken."]
    return "\n".join(out) + "\n"
