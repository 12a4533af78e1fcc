"""The estate.yaml format: pydantic models that validate what users write, once, on load."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from exitkit.inventory.dora_register import Register
from exitkit.inventory.kinds import KINDS as KINDS  # the one definition
from exitkit.inventory.ssh_keys import key_problem
from exitkit.inventory.user_model import Model as Model

ASSET_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"


def _no_double_dot(value: str) -> str:
    if ".." in value:
        raise ValueError("an id may not contain '..'")
    return value


Identifier = Annotated[str, StringConstraints(pattern=ASSET_ID_PATTERN)]
Party = Literal["client", "provider"]
Owner = Literal["client", "provider", "shared"]
Criticality = Literal["P1", "P2", "P3", "P4"]


class SecretRef(Model):
    """Where a secret lives: an environment variable or a file; never the value itself."""

    env: Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")] | None = None
    file: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> SecretRef:
        if (self.env is None) == (self.file is None):
            raise ValueError("a credential reference is {env: NAME} or {file: PATH}, exactly one")
        return self

    def describe(self) -> str:
        """Where the value comes from, safe to print."""
        return f"environment variable {self.env}" if self.env else f"file {self.file}"


class Credential(Model):
    """A named set of login references, used by assets through `credentials: NAME`."""

    username: str | SecretRef
    password: SecretRef | None = None
    secret: SecretRef | None = Field(default=None, description="enable secret, where used")
    key_file: str | None = None
    legacy_ssh: bool = Field(
        default=False,
        description="allow SHA-1 key exchange, ssh-rsa host keys and CBC ciphers for every "
        "device using this credential",
    )


class Encryption(Model):
    """Who can read the secret artifacts (unredacted configurations) of every export."""

    recipients: list[
        Annotated[str, StringConstraints(pattern=r"^(age1[0-9a-z]+|ssh-(ed25519|rsa) \S+.*)$")]
    ] = Field(min_length=1)


class PartyInfo(Model):
    name: str = Field(min_length=1)
    lei: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{18}[0-9]{2}$")] | None = None


class Contract(Model):
    reference: str = Field(min_length=1)
    notice_days: int = Field(ge=0, le=3650)
    reversibility_days: int = Field(ge=30, le=90)


class Obligation(Model):
    id: Identifier
    regulation: str = Field(min_length=1)
    owner: Owner | None = None
    description: str | None = None


LabelKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.-]{0,62}$")]
LabelValue = Annotated[str, StringConstraints(max_length=256)]


class AssetBase(Model):
    id: Identifier
    criticality: Criticality = "P3"
    managed_by: Owner = "provider"
    description: str | None = None
    labels: dict[LabelKey, LabelValue | list[LabelValue]] | None = Field(
        default=None,
        description="free key: value labels (site, role, tags...); `source` names the importer "
        "that owns the entry (exitkit inventory import updates only the entries it owns)",
    )

    _check_id = field_validator("id")(_no_double_dot)


HostKey = Annotated[
    str, StringConstraints(pattern=r"^(?:ssh|ecdsa|sk)-[A-Za-z0-9@.-]+ [A-Za-z0-9+/]+={0,3}$")
]


def _host_key_form(value: str | None) -> str | None:
    problem = key_problem(*value.split()) if value else None
    if problem:
        raise ValueError(f"host_key is not an SSH public key: {problem}")
    return value


class NetworkDevice(AssetBase):
    kind: Literal["network_device"]
    platform: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    host: str = Field(min_length=1)
    port: int = Field(default=22, ge=1, le=65535)
    credentials: str
    host_key: HostKey | None = Field(
        default=None, description="the device's SSH host key, as in known_hosts: TYPE BASE64"
    )
    legacy_ssh: bool = Field(
        default=False,
        description="allow SHA-1 key exchange, ssh-rsa host keys and CBC ciphers (old switches)",
    )

    _check_host_key = field_validator("host_key")(_host_key_form)


class AwsAccount(AssetBase):
    kind: Literal["cloud_account"]
    cloud: Literal["aws"]
    account_id: Annotated[str, StringConstraints(pattern=r"^[0-9]{12}$")]
    regions: list[str] | None = None
    role_arn: Annotated[str, StringConstraints(pattern=r"^arn:aws[a-z-]*:iam::")] | None = None
    client_principals: list[str] = Field(default_factory=list)


class AzureSubscription(AssetBase):
    kind: Literal["cloud_account"]
    cloud: Literal["azure"]
    subscription_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{36}$")]
    tenant_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{36}$")] | None = None
    endpoint: Annotated[str, StringConstraints(pattern=r"^https://")] | None = None
    client_principals: list[str] = Field(default_factory=list)


class Microsoft365Tenant(AssetBase):
    """A Microsoft 365 / Entra ID tenant, read through Microsoft Graph."""

    kind: Literal["cloud_account"]
    cloud: Literal["microsoft365"]
    tenant_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F-]{36}$")]
    endpoint: Annotated[str, StringConstraints(pattern=r"^https://")] | None = Field(
        default=None,
        description="Microsoft Graph endpoint of a national cloud (https://graph.microsoft.us, "
        "https://microsoftgraph.chinacloudapi.cn); default https://graph.microsoft.com",
    )
    authority: Annotated[str, StringConstraints(pattern=r"^https://")] | None = Field(
        default=None,
        description="Entra ID sign-in endpoint of a national cloud "
        "(https://login.microsoftonline.us); default AZURE_AUTHORITY_HOST, else the public one",
    )
    client_principals: list[str] = Field(
        default_factory=list, description="object ids or user principal names of the client"
    )
    licenses: dict[Identifier, Annotated[str, StringConstraints(min_length=1)]] | None = Field(
        default=None,
        description="declared license assets -> the SKU part number (SPB, ENTERPRISEPACK...) "
        "each is in this tenant; default: Microsoft licences matched by product name",
    )


class License(AssetBase):
    kind: Literal["license"]
    vendor: str = Field(min_length=1)
    product: str = Field(min_length=1)
    quantity: int = Field(ge=0)
    holder: Party
    transferable: bool
    expires: dt.date | None = None
    reference: str | None = None
    metric: str | None = None

    def lock_in(self) -> list[str]:
        """Why this licence would not follow the client at exit (empty when it would)."""
        reasons = ["held by the provider"] if self.holder == "provider" else []
        return reasons + ([] if self.transferable else ["not transferable"])


class Script(AssetBase):
    kind: Literal["script"]
    repo: str = Field(min_length=1)
    ref: str | None = None


class Document(AssetBase):
    kind: Literal["document"]
    path: str = Field(min_length=1)
    reviewed: dt.date | None = None
    title: str | None = None


def _asset_tag(value: Any) -> str | None:
    """The union member for a raw asset: its kind, and for cloud accounts its cloud."""

    def get(key: str) -> Any:
        return value.get(key) if isinstance(value, dict) else getattr(value, key, None)

    kind = get("kind")
    if kind == "cloud_account":
        return f"cloud_account/{get('cloud')}"
    return kind if isinstance(kind, str) else None


Asset = Annotated[
    Annotated[NetworkDevice, Tag("network_device")]
    | Annotated[AwsAccount, Tag("cloud_account/aws")]
    | Annotated[AzureSubscription, Tag("cloud_account/azure")]
    | Annotated[Microsoft365Tenant, Tag("cloud_account/microsoft365")]
    | Annotated[License, Tag("license")]
    | Annotated[Script, Tag("script")]
    | Annotated[Document, Tag("document")],
    Discriminator(
        _asset_tag,
        custom_error_type="asset_kind",
        custom_error_message=(
            "unknown asset kind (expected one of: " + ", ".join(KINDS) + "; "
            "a cloud_account needs cloud: aws, azure or microsoft365)"
        ),
    ),
]
CloudAccount = AwsAccount | AzureSubscription | Microsoft365Tenant
# The union's tags (`network_device`, `cloud_account/aws`...): pydantic puts them in an error's
# location, where they name no key of the file.
ASSET_TAGS = frozenset(get_args(member)[1].tag for member in get_args(get_args(Asset)[0]))


class Estate(Model):
    """One estate.yaml: the source of truth every other part of exitkit reads."""

    version: Literal[1]
    estate: Identifier
    client: PartyInfo
    provider: PartyInfo
    contract: Contract
    reviewed: dt.date
    obligations: list[Obligation] = Field(default_factory=list)
    responsibilities: dict[str, Owner] = Field(default_factory=dict)
    credentials: dict[str, Credential] = Field(default_factory=dict)
    encryption: Encryption | None = None
    known_hosts: str | None = Field(
        default=None,
        description="OpenSSH known_hosts file pinning the devices' host keys (relative to this "
        "file); default: known_hosts beside it",
    )
    assets: list[Asset] = Field(default_factory=list)
    dora_register: Register | None = Field(
        default=None, description="DORA register of information facts (exitkit register)"
    )
