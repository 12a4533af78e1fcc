"""exitkit.sandbox."""
