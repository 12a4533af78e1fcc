"""drill_on_time: the last exit drill is recent enough for the plan's `drill.every_days`."""

from __future__ import annotations

from exitkit.plan.checks.registry import CheckContext, CheckResult, NoParams, check, failed, passed


@check("drill_on_time", NoParams)
def drill_on_time(context: CheckContext, params: NoParams) -> CheckResult:
    every = context.drill_every_days
    if context.first_drill:
        return passed(
            "drill_on_time", "this is the first drill recorded: on time", every_days=every
        )
    if context.last_drill_at is None:
        return failed(
            "drill_on_time",
            "no finished drill in the journal: run `exitkit drill run`",
            every_days=every,
        )
    last = context.last_drill_at
    age = (context.today - last.date()).days
    evidence = {"last_drill_at": last.isoformat(), "age_days": age, "every_days": every}
    if age > every:
        reason = f"last drill {last.date()}, {age} days ago: a drill is due every {every} days"
        return failed("drill_on_time", reason, **evidence)
    return passed(
        "drill_on_time", f"last drill {last.date()}, {age} days ago (every {every})", **evidence
    )
