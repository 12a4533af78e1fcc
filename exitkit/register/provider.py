"""B_05.01: the ICT third-party service provider, and its ultimate parent when it has one.

An ultimate parent named in c0110 gets a row of its own: a code that points nowhere in the
register is a broken reference the supervisors reject.
"""

from __future__ import annotations

from exitkit.inventory import dora_lists as codes
from exitkit.register.context import RegisterContext, Row, amount


def b_05_01(context: RegisterContext) -> list[Row]:
    provider = context.register.provider
    arrangement = context.register.arrangement
    parent = provider.ultimate_parent
    parent_lei = parent.lei if parent else context.provider_lei
    rows = [
        {
            "c0010": context.provider_lei,
            "c0020": codes.LEI_TYPE,
            "c0030": "",
            "c0040": "",
            "c0050": context.estate.provider.name,
            "c0060": provider.name_latin or context.estate.provider.name,
            "c0070": codes.PERSON_TYPES[provider.person_type],
            "c0080": codes.country_code(provider.country),
            "c0090": codes.currency_code(arrangement.currency),
            "c0100": amount(arrangement.annual_cost),
            "c0110": parent_lei,
            "c0120": codes.LEI_TYPE,
        }
    ]
    if parent is not None and parent.lei != context.provider_lei:
        rows.append(
            {
                "c0010": parent.lei,
                "c0020": codes.LEI_TYPE,
                "c0030": "",
                "c0040": "",
                "c0050": parent.name,
                "c0060": parent.name,
                "c0070": codes.PERSON_TYPES[parent.person_type],
                "c0080": codes.country_code(parent.country),
                "c0090": "",
                "c0100": "",
                "c0110": parent.lei,
                "c0120": codes.LEI_TYPE,
            }
        )
    return rows


PROVIDER = {"B_05.01": b_05_01}
