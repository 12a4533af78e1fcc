"""B_02.01, B_02.02, B_03.01, B_03.02: the contractual arrangement, its services and signatories."""

from __future__ import annotations

from exitkit.inventory import dora_lists as codes
from exitkit.inventory.dora_register import RegisterService
from exitkit.register.context import RegisterContext, Row, amount, code, day


def b_02_01(context: RegisterContext) -> list[Row]:
    arrangement = context.register.arrangement
    return [
        {
            "c0010": context.reference,
            "c0020": codes.ARRANGEMENT_TYPES[arrangement.type],
            "c0030": arrangement.overarching_reference or "",
            "c0040": codes.currency_code(arrangement.currency),
            "c0050": amount(arrangement.annual_cost),
        }
    ]


def b_02_02(context: RegisterContext) -> list[Row]:
    """One row per service and function it supports (a data element holds one value)."""
    return [
        _service_row(context, service, function)
        for service in context.register.services
        for function in service.functions
    ]


def _service_row(context: RegisterContext, service: RegisterService, function: str) -> Row:
    arrangement = context.register.arrangement
    return {
        "c0010": context.reference,
        "c0020": context.client_lei,
        "c0030": context.provider_lei,
        "c0040": codes.LEI_TYPE,
        "c0050": function,
        "c0060": codes.ICT_SERVICES[service.ict_service],
        "c0070": day(arrangement.start),
        "c0080": day(arrangement.end, codes.OPEN_END),
        "c0090": code(codes.TERMINATION_REASONS, arrangement.termination_reason),
        "c0100": str(context.estate.contract.notice_days),
        "c0110": str(arrangement.provider_notice_days),
        "c0120": codes.country_code(arrangement.governing_law),
        "c0130": codes.country_code(service.country),
        "c0140": codes.YES_NO["yes" if service.data_storage else "no"],
        "c0150": _country_or_na(service.data_location if service.data_storage else None),
        "c0160": _country_or_na(service.processing_location),
        "c0170": code(codes.SENSITIVENESS, service.data_sensitiveness),
        "c0180": codes.RELIANCE[service.reliance],
    }


def _country_or_na(country: str | None) -> str:
    """Key columns are never empty: "not applicable" is the EBA's own code for that."""
    return codes.country_code(country) if country else codes.NOT_APPLICABLE_COUNTRY


def b_03_01(context: RegisterContext) -> list[Row]:
    return [{"c0010": context.reference, "c0020": context.client_lei, "c0030": "true"}]


def b_03_02(context: RegisterContext) -> list[Row]:
    return [{"c0010": context.reference, "c0020": context.provider_lei, "c0030": codes.LEI_TYPE}]


ARRANGEMENT = {"B_02.01": b_02_01, "B_02.02": b_02_02, "B_03.01": b_03_01, "B_03.02": b_03_02}
