"""B_01.01 and B_01.02: the financial entity that keeps the register, and the entities in scope."""

from __future__ import annotations

from exitkit.inventory import dora_lists as codes
from exitkit.register.context import RegisterContext, Row, amount, day


def b_01_01(context: RegisterContext) -> list[Row]:
    client = context.register.client
    return [
        {
            "c0010": context.client_lei,
            "c0020": context.estate.client.name,
            "c0030": codes.country_code(client.country),
            "c0040": codes.ENTITY_TYPES[client.entity_type],
            "c0050": client.competent_authority,
            "c0060": context.today.isoformat(),
        }
    ]


def b_01_02(context: RegisterContext) -> list[Row]:
    """The one entity this estate speaks for; a group merges its entities' rows."""
    client = context.register.client
    return [
        {
            "c0010": context.client_lei,
            "c0020": context.estate.client.name,
            "c0030": codes.country_code(client.country),
            "c0040": codes.ENTITY_TYPES[client.entity_type],
            "c0050": codes.HIERARCHY[client.hierarchy],
            "c0060": client.parent_lei or context.client_lei,
            "c0070": day(context.estate.reviewed),
            "c0080": day(client.in_register_since),
            "c0090": codes.OPEN_END,
            "c0100": codes.currency_code(client.currency)
            if client.total_assets is not None
            else "",
            "c0110": amount(client.total_assets),
        }
    ]


ENTITY = {"B_01.01": b_01_01, "B_01.02": b_01_02}
