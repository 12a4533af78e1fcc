"""exitkit.bundle."""
