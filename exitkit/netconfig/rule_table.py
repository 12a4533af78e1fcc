"""A platform's secret rules written as a table, one row a form: `(name, needs, pattern)` and,
optionally, the `under` pattern of the top-level line a nested form sits beneath and the
`free_text` (prose) pattern, when it is not the table's own."""

from __future__ import annotations

import re

from exitkit.netconfig.secrets import SecretRule

Form = tuple[str, ...]


def secret_rule(
    name: str, needs: str, pattern: str, under: str = "", free_text: str = ""
) -> SecretRule:
    """One rule; the trigger words in `needs` are separated by spaces."""
    return SecretRule(
        name=name,
        needs=tuple(needs.split()),
        pattern=re.compile(pattern),
        under=re.compile(under) if under else None,
        free_text=re.compile(free_text) if free_text else None,
    )


def rule_table(forms: tuple[Form, ...], free_text: str) -> tuple[SecretRule, ...]:
    """Every row of `forms` as a rule; rows without their own prose pattern take `free_text`."""
    rules = []
    for name, needs, pattern, *rest in forms:
        under = rest[0] if rest else ""
        prose = rest[1] if len(rest) > 1 else free_text
        rules.append(secret_rule(name, needs, pattern, under, prose))
    return tuple(rules)
