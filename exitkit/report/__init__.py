"""exitkit.report."""
