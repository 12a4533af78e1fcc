"""The command-line reference page, written from the click commands themselves.

Every command and group under `exitkit.cli.cli` (the core ones and those that register from
exitkit/commands/) gets a section: its usage line, its help text, its arguments and options.
Nothing is typed by hand, so the page cannot drift from `exitkit --help`.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import click

HEADER = """# Command-line reference

Generated from the click commands when the site is built: every command, argument and option
that `exitkit --help` knows, with the help text it prints. Exit codes are the same for every
command (see [exit codes](../verify.md#exit-codes)), and every command takes `-h`/`--help`.

"""


def walk(
    command: click.Command, parent: click.Context | None = None, name: str = "exitkit"
) -> Iterator[tuple[click.Command, click.Context]]:
    """Every command under `command`, depth first, in name order, with its click context."""
    context = click.Context(command, info_name=name, parent=parent)
    yield command, context
    if isinstance(command, click.Group):
        for child_name in sorted(command.commands):
            child = command.commands[child_name]
            if not child.hidden:
                yield from walk(child, context, child_name)


def anchor(context: click.Context) -> str:
    """The heading id of a command's section: `exitkit-plan-start`."""
    return context.command_path.replace(" ", "-")


def render(group: click.Command) -> str:
    """The whole reference page as Markdown."""
    commands = list(walk(group))
    parts = [HEADER, _index(commands)]
    parts.extend(_section(command, context) for command, context in commands)
    return "\n".join(parts)


def _index(commands: list[tuple[click.Command, click.Context]]) -> str:
    rows = ["| command | what it does |", "|---|---|"]
    for command, context in commands[1:]:
        summary = command.get_short_help_str(limit=120).replace("|", "\\|")
        rows.append(f"| [`{context.command_path}`](#{anchor(context)}) | {summary} |")
    return "\n".join(rows) + "\n"


def _section(command: click.Command, context: click.Context) -> str:
    depth = min(context.command_path.count(" ") + 2, 4)
    lines = [f"{'#' * depth} `{context.command_path}` {{ #{anchor(context)} }}", ""]
    usage = " ".join([context.command_path, *command.collect_usage_pieces(context)])
    lines += ["```", usage, "```"]
    lines += ["", _help_text(command), ""]
    if isinstance(command, click.Group):
        names = ", ".join(
            f"[`{name}`](#{anchor(context)}-{name})"
            for name in sorted(command.commands)
            if not command.commands[name].hidden
        )
        lines += [f"Commands: {names}.", ""]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    options = [
        p
        for p in command.get_params(context)
        if isinstance(p, click.Option) and not p.hidden and "--help" not in p.opts
    ]
    if arguments:
        lines += ["| argument | type | required |", "|---|---|---|"]
        lines += [_argument_row(p) for p in arguments] + [""]
    if options:
        lines += ["| option | type | default | what it does |", "|---|---|---|---|"]
        lines += [_option_row(p, context) for p in options] + [""]
    return "\n".join(lines)


def _help_text(command: click.Command) -> str:
    text = click.unstyle(inspect.cleandoc((command.help or "").split("\f")[0]))
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":  # click's mark: shown as written, not rewrapped
            paragraphs.append("\n".join(["```text", *lines[1:], "```"]))
        else:
            paragraphs.append(_escape(paragraph))
    return "\n\n".join(paragraphs) or "(no help text)"


def _argument_row(argument: click.Argument) -> str:
    name = argument.human_readable_name
    nargs = " (one or more)" if argument.nargs == -1 else ""
    return f"| `{name}`{nargs} | {argument.type.name} | {'yes' if argument.required else 'no'} |"


def _option_row(option: click.Option, context: click.Context) -> str:
    names = ", ".join(f"`{name}`" for name in [*option.opts, *option.secondary_opts])
    if option.is_flag:
        kind = "flag"
    else:
        kind = option.type.name + (" (repeatable)" if option.multiple else "")
        if isinstance(option.type, click.Choice):
            kind = " \\| ".join(f"`{choice}`" for choice in option.type.choices)
    default = _default(option, context)
    text = _escape(click.unstyle(option.help or "")).replace("|", "\\|").replace("\n", " ")
    if option.required:
        text = f"**required.** {text}"
    return f"| {names} | {kind} | {default} | {text} |"


def _default(option: click.Option, context: click.Context) -> str:
    if option.is_flag or option.multiple or option.default is None:
        return ""
    value = option.get_default(context, call=False)
    if callable(value) or value in ("", None) or type(value).__name__ == "Sentinel":
        return ""
    return f"`{value}`"


def _escape(text: str) -> str:
    """Help text as Markdown: `code` spans kept, brackets, stars and angles shown as typed."""
    pieces = text.split("`")
    for index in range(0, len(pieces), 2):  # outside code spans
        for char in "\\[]*>_":
            pieces[index] = pieces[index].replace(char, f"\\{char}")
        pieces[index] = pieces[index].replace("<", "&lt;")
    return "`".join(pieces)
