"""Azure collection: Resource Manager (azure-mgmt-resource), rights (azure-mgmt-authorization)."""
