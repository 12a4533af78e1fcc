"""exitkit.plan."""
