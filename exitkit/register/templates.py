"""The register's templates as the EBA DPM 4.0 DORA module lays them out: one definition.

For every template exitkit fills: its columns in order, what kind of value each holds (which
the rules check), which columns are the row's key and which must not be empty. The package
writer, the rules and the tests all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from exitkit.inventory import dora_lists as codes

ENTRY_POINT = "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"
TAXONOMY = "EBA reporting framework 4.0, DORA module (dora.json)"
FRAMEWORK_MODULE_VERSION = "DORA010100"  # as in the EBA's sample package file name
MODULE = "DORA"
# Every template of the module: a filing indicator is written for each.
ALL_TEMPLATES = (
    "B_01.01", "B_01.02", "B_01.03", "B_02.01", "B_02.02", "B_02.03", "B_03.01", "B_03.02",
    "B_03.03", "B_04.01", "B_05.01", "B_05.02", "B_06.01", "B_07.01", "B_99.01",
)  # fmt: skip

# Kinds of value; a list kind names the closed list of codes it draws from.
TEXT, LEI, DATE, COUNTRY, CURRENCY, INTEGER, MONETARY, TRUE = (
    "text", "lei", "date", "country", "currency", "integer", "monetary", "true",
)  # fmt: skip
CLOSED_LISTS: dict[str, frozenset[str]] = {
    "entity_type": frozenset(codes.ENTITY_TYPES.values()),
    "hierarchy": frozenset(codes.HIERARCHY.values()),
    "arrangement_type": frozenset(codes.ARRANGEMENT_TYPES.values()),
    "termination_reason": frozenset(codes.TERMINATION_REASONS.values()),
    "ict_service": frozenset(codes.ICT_SERVICES.values()),
    "yes_no": frozenset(codes.YES_NO.values()),
    "assessed": frozenset(codes.ASSESSED.values()),
    "sensitiveness": frozenset(codes.SENSITIVENESS.values()),
    "reliance": frozenset(codes.RELIANCE.values()),
    "impact": frozenset(codes.IMPACT.values()),
    "person_type": frozenset(codes.PERSON_TYPES.values()),
    "substitutability": frozenset(codes.SUBSTITUTABILITY.values()),
    "non_substitutability_reason": frozenset(codes.NON_SUBSTITUTABILITY_REASONS.values()),
    "reintegration": frozenset(codes.REINTEGRATION.values()),
    "code_type": frozenset({codes.LEI_TYPE, "eba_qCO:qx2002"}),  # LEI, EUID
}


@dataclass(frozen=True)
class Column:
    code: str  # c0010
    label: str
    kind: str  # one of the kinds above, or a CLOSED_LISTS name
    key: bool = False
    mandatory: bool = False
    not_applicable: str | None = None  # the code a key column takes when nothing applies


@dataclass(frozen=True)
class Template:
    id: str  # B_02.02
    title: str
    columns: tuple[Column, ...]

    @property
    def file(self) -> str:
        return f"{self.id.lower()}.csv"

    @property
    def codes(self) -> list[str]:
        return [column.code for column in self.columns]

    @property
    def keys(self) -> list[str]:
        return [column.code for column in self.columns if column.key]

    def column(self, code: str) -> Column:
        return next(column for column in self.columns if column.code == code)


def _c(code: int, label: str, kind: str, flags: str = "", na: str | None = None) -> Column:
    """A column; flags: k = key, m = mandatory (keys are always mandatory)."""
    return Column(f"c{code:04d}", label, kind, "k" in flags, "k" in flags or "m" in flags, na)


NA = codes.NOT_APPLICABLE_COUNTRY
TEMPLATES: dict[str, Template] = {
    template.id: template
    for template in (
        Template("B_01.01", "Entity maintaining the register of information", (
            _c(10, "LEI of the entity", LEI, "k"), _c(20, "Name of the entity", TEXT, "m"),
            _c(30, "Country of the entity", COUNTRY, "m"),
            _c(40, "Type of entity", "entity_type", "m"),
            _c(50, "Competent authority", TEXT, "m"), _c(60, "Date of the reporting", DATE, "m"),
        )),
        Template("B_01.02", "List of entities within the scope of the register", (
            _c(10, "LEI of the entity", LEI, "k"), _c(20, "Name of the entity", TEXT, "m"),
            _c(30, "Country of the entity", COUNTRY, "m"),
            _c(40, "Type of entity", "entity_type", "m"),
            _c(50, "Hierarchy of the entity within the group", "hierarchy", "m"),
            _c(60, "LEI of the direct parent undertaking", LEI, "m"),
            _c(70, "Date of last update", DATE, "m"),
            _c(80, "Date of integration in the register", DATE, "m"),
            _c(90, "Date of deletion in the register", DATE, "m"),
            _c(100, "Currency", CURRENCY), _c(110, "Value of total assets", MONETARY),
        )),
        Template("B_02.01", "Contractual arrangements: general information", (
            _c(10, "Contractual arrangement reference number", TEXT, "k"),
            _c(20, "Type of contractual arrangement", "arrangement_type", "m"),
            _c(30, "Overarching contractual arrangement reference number", TEXT),
            _c(40, "Currency of the amount reported in B_02.01.0050", CURRENCY, "m"),
            _c(50, "Annual expense or estimated cost", MONETARY, "m"),
        )),
        Template("B_02.02", "Contractual arrangements: specific information", (
            _c(10, "Contractual arrangement reference number", TEXT, "k"),
            _c(20, "LEI of the entity making use of the ICT service", LEI, "k"),
            _c(30, "Identification code of the ICT third-party service provider", LEI, "k"),
            _c(40, "Type of code to identify the provider", "code_type", "m"),
            _c(50, "Function identifier", TEXT, "k"),
            _c(60, "Type of ICT services", "ict_service", "k"),
            _c(70, "Start date of the contractual arrangement", DATE, "m"),
            _c(80, "End date of the contractual arrangement", DATE, "m"),
            _c(90, "Reason of the termination or ending", "termination_reason"),
            _c(100, "Notice period for the financial entity (days)", INTEGER),
            _c(110, "Notice period for the provider (days)", INTEGER),
            _c(120, "Country of the governing law", COUNTRY),
            _c(130, "Country of provision of the ICT services", COUNTRY, "k", NA),
            _c(140, "Storage of data", "yes_no"),
            _c(150, "Location of the data at rest (storage)", COUNTRY, "k", NA),
            _c(160, "Location of management of the data (processing)", COUNTRY, "k", NA),
            _c(170, "Sensitiveness of the data stored", "sensitiveness"),
            _c(180, "Level of reliance on the ICT service", "reliance"),
        )),
        Template("B_03.01", "Entities signing the contractual arrangements", (
            _c(10, "Contractual arrangement reference number", TEXT, "k"),
            _c(20, "LEI of the entity signing the arrangement", LEI, "k"),
            _c(30, "Link", TRUE, "m"),
        )),
        Template("B_03.02", "ICT third-party service providers signing the arrangements", (
            _c(10, "Contractual arrangement reference number", TEXT, "k"),
            _c(20, "Identification code of the ICT third-party service provider", LEI, "k"),
            _c(30, "Type of code to identify the provider", "code_type", "m"),
        )),
        Template("B_05.01", "ICT third-party service providers", (
            _c(10, "Identification code of the ICT third-party service provider", LEI, "k"),
            _c(20, "Type of code to identify the provider", "code_type", "m"),
            _c(30, "Additional identification code of the provider", TEXT),
            _c(40, "Type of the additional identification code", "code_type"),
            _c(50, "Legal name of the provider", TEXT, "m"),
            _c(60, "Name of the provider in Latin alphabet", TEXT, "m"),
            _c(70, "Type of person of the provider", "person_type", "m"),
            _c(80, "Country of the provider's headquarters", COUNTRY, "m"),
            _c(90, "Currency of the amount reported in B_05.01.0100", CURRENCY),
            _c(100, "Total annual expense or estimated cost of the provider", MONETARY),
            _c(110, "Identification code of the provider's ultimate parent", LEI, "m"),
            _c(120, "Type of code to identify the ultimate parent", "code_type"),
        )),
        Template("B_06.01", "Functions identification", (
            _c(10, "Function identifier", TEXT, "k"),
            _c(20, "Licensed activity", "licensed_activity", "m"),
            _c(30, "Function name", TEXT, "m"), _c(40, "LEI of the financial entity", LEI, "k"),
            _c(50, "Criticality or importance assessment", "assessed", "m"),
            _c(60, "Reasons for criticality or importance", TEXT),
            _c(70, "Date of the last assessment of criticality or importance", DATE, "m"),
            _c(80, "Recovery time objective of the function (hours)", INTEGER, "m"),
            _c(90, "Recovery point objective of the function (hours)", INTEGER, "m"),
            _c(100, "Impact of discontinuing the function", "impact", "m"),
        )),
        Template("B_07.01", "Assessment of the ICT services", (
            _c(10, "Contractual arrangement reference number", TEXT, "k"),
            _c(20, "Identification code of the ICT third-party service provider", LEI, "k"),
            _c(30, "Type of code to identify the provider", "code_type", "m"),
            _c(40, "Type of ICT services", "ict_service", "k"),
            _c(50, "Substitutability of the provider", "substitutability", "m"),
            _c(60, "Reason if not substitutable or difficult to substitute",
               "non_substitutability_reason"),
            _c(70, "Date of the last audit on the provider", DATE, "m"),
            _c(80, "Existence of an exit plan", "yes_no", "m"),
            _c(90, "Possibility of reintegration of the ICT service", "reintegration", "m"),
            _c(100, "Impact of discontinuing the ICT services", "impact", "m"),
            _c(110, "Alternative providers identified", "assessed", "m"),
            _c(120, "Identification of alternative providers", TEXT),
        )),
    )
}  # fmt: skip
