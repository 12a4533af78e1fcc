"""AWS collection: one module per service behind a small registry, run per account and region."""
