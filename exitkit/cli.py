"""The `exitkit` command line: parse, call the library, print. Exit 0 ok, 1 problem, 2 bad input."""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click
import yaml

from exitkit.errors import BAD_INPUT, INTERNAL, INTERRUPTED, PROBLEM, ExitkitError


def _print_json(record: Any) -> None:
    click.echo(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False))


def _exit(code: int) -> NoReturn:
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="exitkit")
def cli() -> None:
    """Keep an exit from an IT outsourcing provider possible, tested and provable."""


@cli.group()
def inventory() -> None:
    """Check an estate, import it (NetBox, router.db, clouds), derive an Ansible inventory."""


@inventory.command("validate")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one validation.v1 JSON document.")
def inventory_validate(estate: Path, as_json: bool) -> None:
    """Validate ESTATE (a folder or its estate.yaml); exit 1 when there are findings."""
    from exitkit.api import validate_estate

    validation = validate_estate(estate)
    loaded, found = validation.inventory, validation.findings
    if as_json:
        _print_json(validation.to_record())
    else:
        click.echo(f"{loaded.path}: estate {loaded.name}, {len(loaded.assets)} assets, valid")
        for finding in found:
            click.echo(f"{finding.where}: {finding.code}: {finding.message}")
        click.echo(f"{len(found)} finding(s)" if found else "no findings")
    _exit(PROBLEM if found else 0)


@inventory.command("ansible")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="HOSTS.yml")
def inventory_ansible(estate: Path, out: Path) -> None:
    """Write an Ansible YAML inventory of ESTATE's devices (no secret value in it)."""
    from exitkit.bundle.atomic import write_bytes
    from exitkit.inventory.ansible import ansible_inventory
    from exitkit.inventory.loader import load_inventory

    hosts = ansible_inventory(load_inventory(estate))
    text = "# Written by exitkit inventory ansible; secrets are lookups, never values.\n"
    text += yaml.safe_dump(hosts, sort_keys=True, default_flow_style=False)
    write_bytes(out, text.encode())
    click.echo(f"wrote {out} ({len(hosts['all']['hosts'])} hosts)")


@cli.command("export")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Bundle folder.")
@click.option("--kind", "kinds", multiple=True, help="Only assets of this kind (repeatable).")
@click.option("--asset", "asset_ids", multiple=True, help="Only this asset id (repeatable).")
@click.option("--workers", type=click.IntRange(1, 512), default=16, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(1),
    default=120.0,
    show_default=True,
    help="Time limit per asset, seconds.",
)
@click.option("--sign-key", type=click.Path(path_type=Path), help="Ed25519 private key (PEM).")
@click.option("--encrypt-to", "recipients", multiple=True, help="age recipient (repeatable).")
@click.option(
    "--accept-new-host-keys",
    is_flag=True,
    help="Trust the SSH host key of a device not yet in the estate's known_hosts, and add it "
    "there (trust on first use). A changed key is refused all the same.",
)
@click.option(
    "--part",
    metavar="NAME",
    help="Write OUT as part NAME of a sliced export (its scope recorded, unsigned); "
    "join the parts with `exitkit merge`.",
)
def export(
    estate: Path,
    out: Path,
    kinds: tuple[str, ...],
    asset_ids: tuple[str, ...],
    workers: int,
    timeout: float,
    sign_key: Path | None,
    recipients: tuple[str, ...],
    accept_new_host_keys: bool,
    part: str | None,
) -> None:
    """Export ESTATE into the bundle folder OUT; exit 1 when an asset failed."""
    from exitkit import api
    from exitkit.bundle.signing import load_private
    from exitkit.progress import ProgressDisplay

    loaded = api.load_estate(estate)
    key = load_private(sign_key) if sign_key else None
    options = api.ExportOptions(
        workers=workers,
        timeout_s=timeout,
        encrypt_to=recipients,
        accept_new_host_keys=accept_new_host_keys,
    )
    total = len(api.select_assets(loaded, kinds, asset_ids))
    with ProgressDisplay("exporting", total) as progress:

        def on_done(result: Any, kept: bool) -> None:
            if kept:
                progress.advance(f"kept {result.id} ({result.kind}): already exported and intact")
            elif result.exported:
                progress.advance(
                    f"exported {result.id} ({result.kind}) in {result.duration_s:.1f} s"
                )
            else:
                progress.advance(
                    f"FAILED {result.id} ({result.kind}): {result.error_class}: {result.reason}"
                )

        summary = api.export(loaded, out, kinds, asset_ids, options, key, on_done, part)
    exported = len(summary.results) - len(summary.failed)
    click.echo(
        f"{out}: " + (f"part {part}: " if part else "") + f"{exported} exported "
        f"({summary.kept} kept from an earlier run), "
        f"{len(summary.failed)} failed" + (", signed" if key else "") + _sealed(summary.manifest)
    )
    for result in summary.failed:
        click.echo(f"  FAILED {result.id} ({result.kind}): {result.error_class}: {result.reason}")
    for result in summary.results:
        for note in result.partial:
            click.echo(f"  PARTIAL {result.id} ({result.kind}): {note}")
    _exit(PROBLEM if summary.failed else 0)


def _sealed(manifest: Any) -> str:
    """What the export summary says about encryption (see docs/encryption-escrow.md)."""
    count = len(manifest.encrypted_to)
    if not count:
        return ""
    what = "artifacts encrypted" if manifest.encrypted_artifacts == "all" else "secrets sealed"
    return f", {what} to {count} age recipient{'s' if count > 1 else ''}"


@cli.command("verify")
@click.argument("bundle")
@click.option(
    "--inventory",
    "estate",
    type=click.Path(path_type=Path),
    help="Judge completeness against this estate instead of the bundle's own copy.",
)
@click.option("--public-key", type=click.Path(path_type=Path), help="Ed25519 public key (PEM).")
@click.option(
    "--identity",
    "identities",
    multiple=True,
    type=click.Path(path_type=Path),
    help="age identity file: decrypt and check encrypted files too (repeatable).",
)
@click.option(
    "--state",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also check this state database holds the journal head the bundle signed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one completeness.v1 JSON document.")
def verify(
    bundle: str,
    estate: Path | None,
    public_key: Path | None,
    identities: tuple[Path, ...],
    state: Path | None,
    as_json: bool,
) -> None:
    """Check BUNDLE offline: intact, signed, schema-valid, complete. Exit 0 only when all hold.

    BUNDLE is a bundle folder, a .tar.gz made by `exitkit pack`, or s3://bucket/prefix.
    """
    from exitkit.api import verify as verify_bundle
    from exitkit.bundle.inert import inert
    from exitkit.bundle.verify_text import render

    try:
        outcome = verify_bundle(bundle, estate, public_key, identities)
    except ExitkitError as error:  # its text may quote the bundle: printed inert
        click.echo(f"exitkit: error: {inert(str(error))}", err=True)
        _exit(error.exit_code)
    held = _journal_holds_anchor(state, bundle) if state is not None else None
    if as_json:  # ASCII only: JSON's escapes make every character from the bundle inert
        click.echo(json.dumps(outcome.to_record(), indent=2, sort_keys=True, ensure_ascii=True))
    else:
        click.echo(render(outcome.record))
    if held is not None:
        click.echo(inert(held[1]), err=as_json)
    _exit(0 if outcome.ok and (held is None or held[0]) else PROBLEM)


def _journal_holds_anchor(state: Path, bundle: str) -> tuple[bool, str]:
    """(ok, one line): the journal checked, then compared with the head this bundle signed."""
    from exitkit.plan.anchors import compare, read_anchor
    from exitkit.plan.journal import Journal

    with Journal(state, create=False) as journal:
        events, _ = journal.checked()
    anchor = read_anchor(bundle)
    if anchor is None:
        return False, f"journal: {bundle} carries no signed journal head to compare {state} with"
    check = compare(events, [anchor])
    if not check.ok:
        return False, f"journal: {state}: {check.problem}"
    return True, f"journal: {state} holds the head this bundle signed (event {anchor.seq})"


@cli.group()
def keys() -> None:
    """Signing keys for bundles."""


@keys.command("generate")
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="KEYFILE (and KEYFILE.pub)"
)
def keys_generate(out: Path) -> None:
    """Write an Ed25519 key pair: KEYFILE (private, mode 600) and KEYFILE.pub."""
    from exitkit.bundle.signing import generate

    private, public, print_ = generate(out)
    click.echo(f"wrote {private} (keep it secret) and {public} ({print_})")


def _register_commands() -> None:
    from exitkit.commands import all_commands, subcommands

    for command in all_commands():
        cli.add_command(command)
    for group_name, command in subcommands():
        group = cli.commands[group_name]
        assert isinstance(group, click.Group)
        group.add_command(command)


_register_commands()


def main() -> None:
    """Entry point: ExitkitError is exit 2 with one clear line; anything else is a bug."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as usage:
        usage.show()
        sys.exit(BAD_INPUT)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(INTERRUPTED)
    except ExitkitError as error:
        click.echo(f"exitkit: error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(INTERRUPTED)
    except OSError as error:  # a path the user gave cannot be read or written
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"exitkit: error: {where}{error.strerror or error}", err=True)
        sys.exit(BAD_INPUT)
    except Exception as bug:
        if os.environ.get("EXITKIT_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"exitkit: internal error (a bug, please report it): {type(bug).__name__}: {bug}",
            err=True,
        )
        sys.exit(INTERNAL)


if __name__ == "__main__":
    main()
