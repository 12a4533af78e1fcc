"""exitkit: keep an exit from an IT outsourcing provider possible, tested and provable.

The library surface (see exitkit.api and the README, "Using exitkit as a library"):

    import exitkit
    summary = exitkit.export(Path("inventories/acme"), Path("bundles/2026-q4"))
    outcome = exitkit.verify(Path("bundles/2026-q4"))

Names are imported on first use, so `import exitkit` (and `exitkit --help`) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from exitkit.api import (
        DrillResult,
        ExportOptions,
        ExportSummary,
        MilestoneCheck,
        PlanStart,
        PlanStatus,
        Report,
        Validation,
        Verification,
        check_milestone,
        export,
        load_estate,
        load_exit_plan,
        plan_status,
        report,
        run_drill,
        select_assets,
        start_plan,
        validate_estate,
        verify,
    )
    from exitkit.errors import ExitkitError

__all__ = [
    "DrillResult",
    "ExitkitError",
    "ExportOptions",
    "ExportSummary",
    "MilestoneCheck",
    "PlanStart",
    "PlanStatus",
    "Report",
    "Validation",
    "Verification",
    "__version__",
    "check_milestone",
    "export",
    "load_estate",
    "load_exit_plan",
    "plan_status",
    "report",
    "run_drill",
    "select_assets",
    "start_plan",
    "validate_estate",
    "verify",
]


def __getattr__(name: str) -> Any:
    if name == "ExitkitError":
        from exitkit.errors import ExitkitError

        return ExitkitError
    if name in __all__:
        from exitkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'exitkit' has no attribute {name!r}")
