"""Network device configurations: per-platform tables, reading over SSH, normalising, redacting,
re-applying and comparing. The `network_device` exporter and `exitkit diff` are built on it."""
