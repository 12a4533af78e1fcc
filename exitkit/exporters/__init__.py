"""exitkit.exporters."""
