"""The closed lists of the DORA register of information, as the estate names them and as filed.

Each list maps the word an estate uses (`highly_complex`) to the code the EBA DPM 4.0 (DORA
module) files (`eba_ZZ:x960`). Countries and currencies are ISO 3166-1 alpha-2 and ISO 4217,
checked against pycountry's tables; an LEI is checked against its ISO 17442 check digits.
"""

from __future__ import annotations

from typing import Literal, get_args

import pycountry

LEI_TYPE = "eba_qCO:qx2000"  # "type of code": LEI
NOT_APPLICABLE_COUNTRY = "eba_GA:qx2007"  # a key country column with nothing to say
OPEN_END = "9999-12-31"  # an arrangement, or an entity in the register, with no end

EntityType = Literal[
    "credit_institution", "investment_firm", "central_counterparty", "asset_management_company",
    "account_information_service_provider", "electronic_money_institution",
    "crypto_asset_service_provider", "central_securities_depository", "trading_venue",
    "trade_repository", "payment_institution", "other_financial_entity",
    "securitisation_repository", "crowdfunding_service_provider",
    "administrator_of_critical_benchmarks", "credit_rating_agency",
    "occupational_retirement_provision", "insurance_intermediary", "insurance_undertaking",
    "data_reporting_service_provider", "alternative_investment_fund_manager",
    "non_financial_entity", "intra_group_ict_provider", "issuer_of_asset_referenced_tokens",
]  # fmt: skip
ENTITY_TYPES: dict[str, str] = {
    "credit_institution": "eba_CT:x12",
    "investment_firm": "eba_CT:x599",
    "central_counterparty": "eba_CT:x643",
    "asset_management_company": "eba_CT:x639",
    "account_information_service_provider": "eba_CT:x301",
    "electronic_money_institution": "eba_CT:x302",
    "crypto_asset_service_provider": "eba_CT:x303",
    "central_securities_depository": "eba_CT:x304",
    "trading_venue": "eba_CT:x305",
    "trade_repository": "eba_CT:x306",
    "payment_institution": "eba_CT:x300",
    "other_financial_entity": "eba_CT:x316",
    "securitisation_repository": "eba_CT:x315",
    "crowdfunding_service_provider": "eba_CT:x314",
    "administrator_of_critical_benchmarks": "eba_CT:x313",
    "credit_rating_agency": "eba_CT:x312",
    "occupational_retirement_provision": "eba_CT:x311",
    "insurance_intermediary": "eba_CT:x320",
    "insurance_undertaking": "eba_CT:x309",
    "data_reporting_service_provider": "eba_CT:x308",
    "alternative_investment_fund_manager": "eba_CT:x307",
    "non_financial_entity": "eba_CT:x318",
    "intra_group_ict_provider": "eba_CT:x317",
    "issuer_of_asset_referenced_tokens": "eba_CT:x310",
}
NON_FINANCIAL = frozenset({"non_financial_entity", "intra_group_ict_provider"})

Hierarchy = Literal["ultimate_parent", "parent", "subsidiary", "outside_group", "outsourcing"]
HIERARCHY = {
    "ultimate_parent": "eba_RP:x53",
    "parent": "eba_RP:x551",
    "subsidiary": "eba_RP:x56",
    "outside_group": "eba_RP:x21",
    "outsourcing": "eba_RP:x210",
}
ArrangementType = Literal["standalone", "overarching", "subsequent"]
ARRANGEMENT_TYPES = {
    "standalone": "eba_CO:x1",
    "overarching": "eba_CO:x2",
    "subsequent": "eba_CO:x3",
}
TerminationReason = Literal[
    "expired", "provider_breach", "provider_impediment", "provider_data_weakness",
    "competent_authority", "other",
]  # fmt: skip
TERMINATION_REASONS = {
    "expired": "eba_CO:x4",
    "provider_breach": "eba_CO:x5",
    "provider_impediment": "eba_CO:x6",
    "provider_data_weakness": "eba_CO:x7",
    "competent_authority": "eba_CO:x8",
    "other": "eba_CO:x9",
}
IctService = Literal[
    "S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10",
    "S11", "S12", "S13", "S14", "S15", "S16", "S17", "S18", "S19",
]  # fmt: skip
ICT_SERVICES = {code: f"eba_TA:{code}" for code in get_args(IctService)}
ICT_SERVICE_NAMES = {
    "S01": "ICT project management", "S02": "ICT development",
    "S03": "ICT help desk and first level support", "S04": "ICT security management services",
    "S05": "Provision of data", "S06": "Data analysis",
    "S07": "ICT, facilities and hosting services (excluding cloud services)",
    "S08": "Computation", "S09": "Non-cloud data storage", "S10": "Telecom carrier",
    "S11": "Network infrastructure", "S12": "Hardware and physical devices",
    "S13": "Software licencing (excluding SaaS)",
    "S14": "ICT operation management (including maintenance)", "S15": "ICT consulting",
    "S16": "ICT risk management", "S17": "Cloud services: IaaS", "S18": "Cloud services: PaaS",
    "S19": "Cloud services: SaaS",
}  # fmt: skip
YesNo = Literal["yes", "no"]
YES_NO = {"yes": "eba_BT:x28", "no": "eba_BT:x29"}
Assessed = Literal["yes", "no", "not_assessed"]
ASSESSED = {"yes": "eba_BT:x28", "no": "eba_BT:x29", "not_assessed": "eba_BT:x21"}
Level = Literal["low", "medium", "high"]
SENSITIVENESS = {"low": "eba_ZZ:x791", "medium": "eba_ZZ:x792", "high": "eba_ZZ:x793"}
Reliance = Literal["not_significant", "low", "material", "full"]
RELIANCE = {
    "not_significant": "eba_ZZ:x794",
    "low": "eba_ZZ:x795",
    "material": "eba_ZZ:x796",
    "full": "eba_ZZ:x797",
}
Impact = Literal["low", "medium", "high", "not_assessed"]
IMPACT = SENSITIVENESS | {"not_assessed": "eba_ZZ:x799"}
PersonType = Literal["legal", "individual"]
PERSON_TYPES = {"legal": "eba_CT:x212", "individual": "eba_CT:x213"}
Substitutability = Literal["not_substitutable", "highly_complex", "medium", "easy"]
SUBSTITUTABILITY = {
    "not_substitutable": "eba_ZZ:x959",
    "highly_complex": "eba_ZZ:x960",
    "medium": "eba_ZZ:x961",
    "easy": "eba_ZZ:x962",
}
HARD_TO_SUBSTITUTE = frozenset({"not_substitutable", "highly_complex"})
NonSubstitutabilityReason = Literal["no_alternatives", "migration", "both"]
NON_SUBSTITUTABILITY_REASONS = {
    "no_alternatives": "eba_ZZ:x963",
    "migration": "eba_ZZ:x964",
    "both": "eba_ZZ:x965",
}
Reintegration = Literal["easy", "difficult", "highly_complex"]
REINTEGRATION = {"easy": "eba_ZZ:x798", "difficult": "eba_ZZ:x966", "highly_complex": "eba_ZZ:x967"}
Scope = Literal["individual", "consolidated"]
SCOPES = {"individual": "IND", "consolidated": "CON"}

# Each estate word list and its code table name the same values: checked once, here.
for _words, _codes in (
    (EntityType, ENTITY_TYPES), (Hierarchy, HIERARCHY), (ArrangementType, ARRANGEMENT_TYPES),
    (TerminationReason, TERMINATION_REASONS), (YesNo, YES_NO), (Assessed, ASSESSED),
    (Level, SENSITIVENESS), (Reliance, RELIANCE), (Impact, IMPACT), (PersonType, PERSON_TYPES),
    (Substitutability, SUBSTITUTABILITY), (NonSubstitutabilityReason, NON_SUBSTITUTABILITY_REASONS),
    (Reintegration, REINTEGRATION), (Scope, SCOPES), (IctService, ICT_SERVICE_NAMES),
):  # fmt: skip
    assert set(get_args(_words)) == set(_codes), _codes


def lei_problem(value: str) -> str | None:
    """Why `value` is not an ISO 17442 LEI (None when it is one).

    20 characters: 18 letters or digits, then two check digits chosen so that the whole code,
    letters read as numbers (A=10 ... Z=35), leaves 1 modulo 97 (ISO 7064 MOD 97-10).
    """
    if len(value) != 20 or not value.isascii() or not value.isalnum() or value != value.upper():
        return "an LEI is 20 upper-case letters and digits (ISO 17442)"
    if not value[18:].isdigit():
        return "an LEI ends with two check digits (ISO 17442)"
    if int("".join(str(int(char, 36)) for char in value)) % 97 != 1:
        return "wrong LEI check digits (ISO 17442, MOD 97-10): the code is mistyped"
    return None


def lei_check_digits(prefix: str) -> str:
    """The two check digits that complete an 18-character LEI prefix."""
    number = int("".join(str(int(char, 36)) for char in prefix.upper() + "00"))
    return f"{98 - number % 97:02d}"


def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code, upper case."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def is_currency(code: str) -> bool:
    """An ISO 4217 alphabetic code, upper case."""
    return len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code) is not None


def country_code(code: str) -> str:
    return f"eba_GA:{code}"


def currency_code(code: str) -> str:
    return f"eba_CU:{code}"
