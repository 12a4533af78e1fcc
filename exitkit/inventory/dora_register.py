"""The optional `dora_register:` block of estate.yaml: the register facts exitkit cannot derive.

What exitkit can derive (the exit plan's existence, the possibility of reintegration, the notice
period, the parties' names and LEIs) is not asked for here; `exitkit register` reads it from the
estate, the plan and the last drill. Every value is validated on load, closed lists included.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    model_validator,
)

from exitkit.inventory.dora_lists import (
    HARD_TO_SUBSTITUTE,
    NON_FINANCIAL,
    ArrangementType,
    Assessed,
    EntityType,
    Hierarchy,
    IctService,
    Impact,
    Level,
    NonSubstitutabilityReason,
    PersonType,
    Reintegration,
    Reliance,
    Scope,
    Substitutability,
    TerminationReason,
    is_country,
    is_currency,
    lei_problem,
)
from exitkit.inventory.user_model import Model


def _lei(value: str) -> str:
    problem = lei_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _country(value: str) -> str:
    if not is_country(value):
        raise ValueError("expected an ISO 3166-1 alpha-2 country code, upper case (FR, DE, IE)")
    return value


def _currency(value: str) -> str:
    if not is_currency(value):
        raise ValueError("expected an ISO 4217 currency code, upper case (EUR, USD)")
    return value


Lei = Annotated[str, AfterValidator(_lei)]
Country = Annotated[str, AfterValidator(_country)]
Currency = Annotated[str, AfterValidator(_currency)]
FunctionId = Annotated[str, StringConstraints(pattern=r"^F[0-9]{1,9}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class RegisterClient(Model):
    """The financial entity (B_01.01, B_01.02); its name and LEI are `client:` above."""

    country: Country
    entity_type: EntityType
    competent_authority: Text
    scope: Scope = "individual"
    currency: Currency = "EUR"
    total_assets: Decimal | None = Field(default=None, ge=0, description="mandatory for a FE")
    hierarchy: Hierarchy = "ultimate_parent"
    parent_lei: Lei | None = Field(default=None, description="default: its own LEI")
    in_register_since: dt.date

    @model_validator(mode="after")
    def _assets_of_financial_entity(self) -> RegisterClient:
        if self.total_assets is None and self.entity_type not in NON_FINANCIAL:
            raise ValueError("total_assets is mandatory for a financial entity (B_01.02.0110)")
        return self


class UltimateParent(Model):
    lei: Lei
    name: Text
    country: Country
    person_type: PersonType = "legal"


class RegisterProvider(Model):
    """The ICT third-party service provider (B_05.01); its name and LEI are `provider:` above."""

    country: Country
    person_type: PersonType = "legal"
    name_latin: Text | None = Field(default=None, description="default: its name")
    ultimate_parent: UltimateParent | None = Field(
        default=None, description="absent: the provider is its own ultimate parent"
    )


class RegisterArrangement(Model):
    """The contract (B_02.01, B_02.02); its reference and notice are `contract:` above."""

    type: ArrangementType = "standalone"
    overarching_reference: Text | None = None
    start: dt.date
    end: dt.date | None = Field(default=None, description="absent: open-ended")
    termination_reason: TerminationReason | None = None
    currency: Currency = "EUR"
    annual_cost: Decimal = Field(ge=0)
    provider_notice_days: int = Field(ge=0, le=3650)
    governing_law: Country
    last_audit: dt.date

    @model_validator(mode="after")
    def _consistent(self) -> RegisterArrangement:
        if self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start (B_02.02.0080 > B_02.02.0070)")
        if self.type == "subsequent" and self.overarching_reference is None:
            raise ValueError("a subsequent arrangement names its overarching_reference")
        return self


class RegisterFunction(Model):
    """A function the arrangement supports (B_06.01)."""

    id: FunctionId
    name: Text
    licensed_activity: Annotated[str, StringConstraints(pattern=r"^x[0-9]{1,4}$")] = Field(
        description="the eba_TA code of the licensed activity, e.g. x252"
    )
    critical: Assessed
    reasons: Annotated[str, StringConstraints(max_length=300)] | None = None
    assessed: dt.date
    rto_hours: int = Field(ge=0)
    rpo_hours: int = Field(ge=0)
    discontinuing_impact: Impact


class RegisterService(Model):
    """One ICT service under the arrangement (B_02.02, B_07.01)."""

    ict_service: IctService
    functions: list[FunctionId] = Field(min_length=1)
    country: Country
    data_storage: bool
    data_location: Country | None = None
    processing_location: Country | None = None
    data_sensitiveness: Level | None = None
    reliance: Reliance
    substitutability: Substitutability
    non_substitutability_reason: NonSubstitutabilityReason | None = None
    discontinuing_impact: Impact
    alternatives: list[Text] = Field(default_factory=list)
    reintegration: Reintegration | None = Field(
        default=None, description="absent: derived from the exit plan and its last drill"
    )

    @model_validator(mode="after")
    def _consistent(self) -> RegisterService:
        if self.data_storage and self.data_location is None:
            raise ValueError("data_storage: true needs data_location (B_02.02.0150)")
        if self.substitutability in HARD_TO_SUBSTITUTE and not self.non_substitutability_reason:
            raise ValueError(
                f"substitutability {self.substitutability} needs non_substitutability_reason "
                "(B_07.01.0060)"
            )
        return self


class Register(Model):
    """The `dora_register:` block: what `exitkit register` needs beyond the rest of the estate."""

    client: RegisterClient
    provider: RegisterProvider
    arrangement: RegisterArrangement
    functions: list[RegisterFunction] = Field(min_length=1)
    services: list[RegisterService] = Field(min_length=1)

    @model_validator(mode="after")
    def _functions_known(self) -> Register:
        ids = [function.id for function in self.functions]
        if len(set(ids)) != len(ids):
            raise ValueError("functions: each id appears once")
        for index, service in enumerate(self.services):
            for name in service.functions:
                if name not in ids:
                    raise ValueError(
                        f"services[{index}] supports function {name!r}, which is not "
                        "under functions:"
                    )
        return self
