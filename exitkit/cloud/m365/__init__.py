"""Microsoft 365 / Entra ID tenants read through Microsoft Graph: one module per part."""
