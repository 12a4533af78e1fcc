"""Cloud collection for the cloud_account exporter: AWS and Azure, one record format."""
