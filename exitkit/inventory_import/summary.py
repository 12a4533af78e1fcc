"""The import's report as lines for the terminal: per source, then what happened to the estate."""

from __future__ import annotations

from exitkit.inventory_import.run import ImportReport


def summary_lines(report: ImportReport) -> list[str]:
    lines: list[str] = []
    for harvest in report.harvests:
        if harvest.failure:
            lines.append(f"{harvest.source}: FAILED: {harvest.failure}")
            continue
        lines.append(
            f"{harvest.source}: {harvest.read} read, {len(harvest.candidates)} offered, "
            f"{len(harvest.skipped)} skipped"
        )
        lines += [f"  skipped {s.name} ({s.origin}): {s.reason}" for s in harvest.skipped]
        lines += [f"  note: {note}" for note in harvest.notes]
    lines += _estate_lines(report)
    return lines


def _estate_lines(report: ImportReport) -> list[str]:
    outcome = report.outcome
    head = (
        f"{report.estate}: {len(outcome.added)} added, {len(outcome.changed)} changed, "
        f"{len(outcome.unchanged)} unchanged, {len(outcome.left)} left"
    )
    if outcome.credentials_added:
        head += f"; credential sets added: {', '.join(outcome.credentials_added)}"
    lines = [head]
    lines += [
        f"  added {c.id} ({c.fields['kind']}, from {c.fields['labels']['source']})"
        for c in outcome.added
    ]
    lines += [f"  changed {c.id}: {', '.join(fields)}" for c, fields in outcome.changed]
    lines += [f"  left {s.name} ({s.origin}): {s.reason}" for s in outcome.left]
    verb = "wrote" if report.written else "would write"
    lines += [f"  {verb} {path} (mode 0600)" for path in report.secret_files]
    if report.written:
        lines.append(f"{report.estate}: written")
    elif report.diff:
        lines.append(f"{report.estate}: dry run, nothing written")
    else:
        lines.append(f"{report.estate}: nothing to change")
    return lines
