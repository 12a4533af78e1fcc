"""exitkit.inventory."""
