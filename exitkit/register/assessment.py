"""B_07.01: each ICT service assessed: substitutability, exit plan, reintegration, alternatives.

The existence of an exit plan and the possibility of reintegration come from exitkit's own
evidence (the plan and the journal's last drill), not from a declaration.
"""

from __future__ import annotations

from exitkit.inventory import dora_lists as codes
from exitkit.register.context import RegisterContext, Row, code, day


def b_07_01(context: RegisterContext) -> list[Row]:
    arrangement = context.register.arrangement
    rows = []
    for service, reintegration in zip(
        context.register.services, context.reintegration, strict=True
    ):
        rows.append(
            {
                "c0010": context.reference,
                "c0020": context.provider_lei,
                "c0030": codes.LEI_TYPE,
                "c0040": codes.ICT_SERVICES[service.ict_service],
                "c0050": codes.SUBSTITUTABILITY[service.substitutability],
                "c0060": code(
                    codes.NON_SUBSTITUTABILITY_REASONS, service.non_substitutability_reason
                ),
                "c0070": day(arrangement.last_audit),
                "c0080": codes.YES_NO[context.exit_plan.value],
                "c0090": codes.REINTEGRATION[reintegration.value],
                "c0100": codes.IMPACT[service.discontinuing_impact],
                "c0110": codes.ASSESSED["yes" if service.alternatives else "no"],
                "c0120": "; ".join(service.alternatives),
            }
        )
    return rows


ASSESSMENT = {"B_07.01": b_07_01}
