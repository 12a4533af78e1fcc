"""Cloud accounts: AWS accounts, Azure subscriptions and Microsoft 365 tenants, dispatched on
`cloud`."""

from __future__ import annotations

from exitkit.cloud.job import CloudFailure
from exitkit.cloud.output import write_account
from exitkit.exporters.registry import AssetFailure, Exporter, Job, exporter
from exitkit.inventory.models import AwsAccount, AzureSubscription, Microsoft365Tenant


@exporter("cloud_account")
class CloudAccountExporter(Exporter):
    def export(self, job: Job) -> None:
        """Some calls failing: exported, the gaps listed in account.json with a finding.
        Nothing readable at all (credentials, endpoint, wrong account): the cloud code's
        CloudFailure, recorded here (scrubbed) as the asset's failure."""
        try:
            _export(job)
        except CloudFailure as failure:
            raise AssetFailure(failure.error_class, job.scrub(failure.reason)) from None


def _export(job: Job) -> None:
    asset = job.asset
    if isinstance(asset, AwsAccount):
        from exitkit.cloud.aws.account import export_aws

        write_account(job, export_aws(job, asset))
    elif isinstance(asset, Microsoft365Tenant):
        from exitkit.cloud.m365.output import write_tenant
        from exitkit.cloud.m365.tenant import export_tenant

        write_tenant(job, export_tenant(job, asset))
    else:
        assert isinstance(asset, AzureSubscription)
        from exitkit.cloud.azure.subscription import export_azure

        write_account(job, export_azure(job, asset))
