"""`python -m exitkit` is the `exitkit` command."""

from exitkit.cli import main

main()
