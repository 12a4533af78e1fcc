"""Escrow: a bundle kept in client-controlled S3 storage, where the provider cannot alter it."""
