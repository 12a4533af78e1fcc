"""Cloud accounts: AWS accounts and Azure subscriptions, dispatched on `cloud`, written alike."""

from __future__ import annotations

from exitkit.cloud.output import write_account
from exitkit.exporters.registry import Exporter, Job, exporter
from exitkit.inventory.models import AwsAccount, AzureSubscription


@exporter("cloud_account")
class CloudAccountExporter(Exporter):
    def export(self, job: Job) -> None:
        """Some calls failing: exported, the gaps listed in account.json with a finding.
        Nothing readable at all (credentials, endpoint, wrong account): AssetFailure."""
        asset = job.asset
        if isinstance(asset, AwsAccount):
            from exitkit.cloud.aws.account import export_aws

            write_account(job, export_aws(job, asset))
        else:
            assert isinstance(asset, AzureSubscription)
            from exitkit.cloud.azure.subscription import export_azure

            write_account(job, export_azure(job, asset))
