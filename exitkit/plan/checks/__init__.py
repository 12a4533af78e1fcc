"""The checks that prove a milestone done: one function each, registered by name."""
