"""The access-rights rules: which IAM policies are admin-equivalent, who is client or provider."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from exitkit.cloud.access import Admin, access_record
from exitkit.cloud.aws.arns import parse_arn
from exitkit.cloud.aws.iam_policy import grants_admin, is_service_role


def _policy(*statements: dict[str, object]) -> dict[str, object]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


@pytest.mark.parametrize(
    ("statement", "admin"),
    [
        ({"Effect": "Allow", "Action": "*", "Resource": "*"}, True),
        ({"Effect": "Allow", "Action": ["s3:Get*", "iam:*"], "Resource": ["*"]}, True),
        ({"Effect": "Allow", "Action": "IAM:*", "Resource": "*"}, True),
        ({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::logs/*"}, False),
        ({"Effect": "Deny", "Action": "*", "Resource": "*"}, False),
        ({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, False),
        ({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}, True),
        ({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}, False),
    ],
)
def test_admin_equivalent_policies(statement: dict[str, object], admin: bool) -> None:
    assert grants_admin(_policy(statement)) is admin
    assert grants_admin(json.dumps(_policy(statement))) is admin
    assert grants_admin(quote(json.dumps(_policy(statement)))) is admin


def test_a_role_only_services_assume_has_no_known_holder() -> None:
    service = _policy({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}})
    person = _policy({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}})
    assert is_service_role(service) and not is_service_role(person)


def test_client_principals_decide_the_side_and_only_account_wide_rights_count() -> None:
    client = "11111111-2222-3333-4444-555555555555"
    admins = [
        Admin(
            client.upper(),
            "Group",
            "Owner",
            scope="/subscriptions/x/resourceGroups/a",
            account_wide=False,
        ),
        Admin("aaaa", "ServicePrincipal", "Owner", scope="/subscriptions/x"),
        Admin("dead", "Unknown", "Contributor", scope="/subscriptions/x", holder_unknown=True),
    ]
    record = access_record("azure-erp", "azure", "x", admins, [client], complete=True)
    assert [a["classification"] for a in record["admins"]] == ["client", "provider", "unknown"]
    assert record["client_admin"] is False
    assert [r["principal"] for r in record["revoke_at_exit"]] == ["aaaa"]
    codes = [f["code"] for f in record["findings"]]
    assert codes == ["cloud-no-client-admin", "cloud-admin-unattributed"]


@pytest.mark.parametrize(
    ("arn", "kind", "rid"),
    [
        ("arn:aws:sqs:eu-west-3:123456789012:orders", "sqs:queue", "orders"),
        (
            "arn:aws:sns:eu-west-3:123456789012:alerts",
            "sns:topic",
            "arn:aws:sns:eu-west-3:123456789012:alerts",
        ),
        ("arn:aws:lambda:eu-west-3:123456789012:function:export", "lambda:function", "export"),
        ("arn:aws:ec2:eu-west-3:123456789012:instance/i-0abc", "ec2:instance", "i-0abc"),
        (
            "arn:aws:elasticloadbalancing:eu-west-3:123456789012:loadbalancer/app/web/50dc6c49",
            "elasticloadbalancing:loadbalancer",
            "app/web/50dc6c49",
        ),
        ("arn:aws:s3:::acme-logs", "s3:bucket", "acme-logs"),
    ],
)
def test_a_resource_known_only_by_its_arn_gets_a_type_and_id(arn: str, kind: str, rid: str) -> None:
    parsed = parse_arn(arn)
    assert parsed is not None and parsed.type_and_id == (kind, rid)
    assert parse_arn("not-an-arn") is None
