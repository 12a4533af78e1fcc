"""What `plan validate` and `plan status` print on a terminal: one line per milestone."""

from __future__ import annotations

from exitkit.plan.feasibility import Feasibility
from exitkit.plan.plan import ExitPlan
from exitkit.plan.tracker import PlanStatus


def feasibility_text(plan: ExitPlan, feasibility: Feasibility, contract: str) -> str:
    lines = [
        f"{plan.path}: {len(plan.milestones)} milestones, window {plan.window_days} days "
        f"(contract {contract}: {plan.contract_window_days} days)"
    ]
    width = max(len(m.id) for m in feasibility.milestones)
    for m in feasibility.milestones:
        late = f"  LATE: due day {m.due_day}, done day {m.finish} at the earliest" if m.late else ""
        lines.append(
            f"  {m.id:<{width}}  due day {m.due_day:>3}  {m.duration_days:6.2f} d  "
            f"day {m.start_day:5.1f} -> {m.finish_day:5.1f}  {m.source}{late}"
        )
    path = " -> ".join(feasibility.critical_path)
    lines.append(f"critical path: {path}, done by day {feasibility.finish_day}")
    if feasibility.fits:
        spare = feasibility.window_days - feasibility.finish_day
        lines.append(f"fits the {feasibility.window_days}-day window with {spare} day(s) to spare")
    else:
        lines.append(
            f"DOES NOT FIT: done by day {feasibility.finish_day}, misses the "
            f"{feasibility.window_days}-day window by {feasibility.misses_by} day(s)"
        )
    if feasibility.late:
        lines.append(f"{len(feasibility.late)} milestone(s) cannot meet their due day")
    return "\n".join(lines)


def status_text(status: PlanStatus) -> str:
    run = status.run
    day = (status.today - run.notice_date).days
    lines = [
        f"exit plan for {run.estate}: notice {run.notice_date}, "
        f"{run.plan['window_days']}-day window ends {status.window_end}; "
        f"today {status.today} is day {day}"
    ]
    journal = status.journal
    anchor = f"; {status.anchor.describe()}" if status.anchor else ""
    lines.append(
        f"journal: {journal.events} events, chain intact (head {journal.head[:16]}){anchor}"
    )
    width = max((len(m.id) for m in status.milestones), default=10)
    for m in status.milestones:
        if m.done:
            late = f", {m.days_late} day(s) late" if m.days_late else ""
            state = f"done {str(m.checked_at)[:10]}{late}"
        elif m.overdue:
            state = f"OVERDUE by {m.days_overdue} day(s)"
        else:
            state = "pending"
        lines.append(
            f"  {m.id:<{width}}  due {m.due_date} (day {m.due_day:>2})  {m.owner:<8}  {state}"
        )
        for check in m.checks:
            verdict = "pass" if check["ok"] else "FAIL"
            lines.append(f"      {verdict} {check['name']}: {check['reason']}")
    counts = {
        state: sum(m.status == state for m in status.milestones)
        for state in ("done", "overdue", "pending")
    }
    lines.append(
        f"{len(status.milestones)} milestones: {counts['done']} done, "
        f"{counts['overdue']} overdue, {counts['pending']} pending"
    )
    return "\n".join(lines)
