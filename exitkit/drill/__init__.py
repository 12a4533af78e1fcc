"""exitkit.drill."""
