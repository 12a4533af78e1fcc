"""What an ARN names: the record type and id exitkit gives a resource it only knows by its ARN."""

from __future__ import annotations

from dataclasses import dataclass

# services whose ARNs end in a bare name: (type, whether the id is the whole ARN)
BARE_NAMES = {"sqs": ("queue", False), "sns": ("topic", True), "s3": ("bucket", False)}


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str
    text: str

    @property
    def type_and_id(self) -> tuple[str, str]:
        """("service:kind", id) — `lambda:function`/name, `ec2:instance`/i-…, `sqs:queue`/name."""
        resource = self.resource
        if "/" not in resource and ":" not in resource and self.service in BARE_NAMES:
            kind, whole = BARE_NAMES[self.service]
            return f"{self.service}:{kind}", self.text if whole else resource
        cut = min((i for i in (resource.find("/"), resource.find(":")) if i >= 0), default=-1)
        if cut < 0:
            return f"{self.service}:resource", resource
        return f"{self.service}:{resource[:cut]}", resource[cut + 1 :]


def parse_arn(text: str) -> Arn | None:
    parts = text.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    return Arn(parts[1], parts[2], parts[3], parts[4], parts[5], text)
