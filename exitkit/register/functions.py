"""B_06.01: the functions the arrangement supports, their criticality, RTO and RPO."""

from __future__ import annotations

from exitkit.inventory import dora_lists as codes
from exitkit.register.context import RegisterContext, Row, day


def b_06_01(context: RegisterContext) -> list[Row]:
    return [
        {
            "c0010": function.id,
            "c0020": f"eba_TA:{function.licensed_activity}",
            "c0030": function.name,
            "c0040": context.client_lei,
            "c0050": codes.ASSESSED[function.critical],
            "c0060": function.reasons or "",
            "c0070": day(function.assessed),
            "c0080": str(function.rto_hours),
            "c0090": str(function.rpo_hours),
            "c0100": codes.IMPACT[function.discontinuing_impact],
        }
        for function in context.register.functions
    ]


FUNCTIONS = {"B_06.01": b_06_01}
