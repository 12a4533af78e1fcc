"""The xBRL-CSV report package the supervisors take, written as a folder and as its zip.

<name>/META-INF/reportPackage.json, <name>/reports/report.json (extends the DORA entry point,
written as a string: nothing is fetched), parameters.csv, FilingIndicators.csv and one CSV per
reported template, header row of column codes. The zip holds the same files under <name>/, as
the EBA's filing rules and its sample package do. Same input, same bytes (but for the name's
creation timestamp).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from exitkit.bundle.atomic import atomic_file, write_bytes
from exitkit.register.context import Row
from exitkit.register.templates import (
    ALL_TEMPLATES,
    ENTRY_POINT,
    FRAMEWORK_MODULE_VERSION,
    MODULE,
    TEMPLATES,
)

REPORT_PACKAGE_TYPE = "https://xbrl.org/report-package/2023"
XBRL_CSV_TYPE = "https://xbrl.org/2021/xbrl-csv"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same register zips to the same bytes


@dataclass(frozen=True)
class PackageName:
    lei: str
    scope: str  # IND | CON
    country: str
    reference_date: dt.date
    created: dt.datetime

    def __str__(self) -> str:
        stamp = self.created.strftime("%Y%m%d%H%M%S") + f"{self.created.microsecond // 1000:03d}"
        return (
            f"{self.lei}.{self.scope}_{self.country}_{FRAMEWORK_MODULE_VERSION}_{MODULE}_"
            f"{self.reference_date.isoformat()}_{stamp}"
        )


@dataclass(frozen=True)
class Written:
    folder: Path
    archive: Path
    rows: dict[str, int]  # template -> rows written (reported templates only)


def package_files(
    name: PackageName, tables: dict[str, list[Row]], base_currency: str
) -> dict[str, bytes]:
    """Every file of the package, path inside the package -> content."""
    files = {
        "META-INF/reportPackage.json": _json(
            {"documentInfo": {"documentType": REPORT_PACKAGE_TYPE}}
        ),
        "reports/report.json": _json(
            {"documentInfo": {"documentType": XBRL_CSV_TYPE, "extends": [ENTRY_POINT]}}
        ),
        "reports/parameters.csv": _csv(
            ["name", "value"],
            [
                ["entityID", f"rs:{name.lei}.{name.scope}"],
                ["refPeriod", name.reference_date.isoformat()],
                ["baseCurrency", f"iso4217:{base_currency}"],
                ["decimalsInteger", "0"],
                ["decimalsMonetary", "-3"],
            ],
        ),
        "reports/FilingIndicators.csv": _csv(
            ["templateID", "reported"],
            [[template, "true" if tables.get(template) else "false"] for template in ALL_TEMPLATES],
        ),
    }
    for template_id, rows in tables.items():
        if rows:
            template = TEMPLATES[template_id]
            body = [[row.get(code, "") for code in template.codes] for row in rows]
            files[f"reports/{template.file}"] = _csv(template.codes, body)
    return files


def write_package(out: Path, name: PackageName, files: dict[str, bytes]) -> tuple[Path, Path]:
    """OUT/<name>/ (to read) and OUT/<name>.zip (to file), each file written atomically."""
    folder = out / str(name)
    for inner, content in files.items():
        write_bytes(folder / inner, content)
    archive = out / f"{name}.zip"
    with atomic_file(archive) as handle, zipfile.ZipFile(handle, "w") as package:
        for inner in sorted(files):
            entry = zipfile.ZipInfo(f"{name}/{inner}", ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            package.writestr(entry, files[inner])
    return folder, archive


def read_tables(folder: Path) -> tuple[dict[str, list[Row]], dict[str, str], dict[str, str]]:
    """(tables, parameters, filing indicators) as filed in a package folder."""
    reports = folder / "reports"
    parameters = dict(_rows(reports / "parameters.csv", key="name", value="value"))
    indicators = dict(_rows(reports / "FilingIndicators.csv", key="templateID", value="reported"))
    tables: dict[str, list[Row]] = {}
    for template in TEMPLATES.values():
        path = reports / template.file
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                tables[template.id] = [dict(row) for row in csv.DictReader(handle)]
    return tables, parameters, indicators


def _rows(path: Path, key: str, value: str) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[key], row[value]) for row in csv.DictReader(handle)]


def _json(record: object) -> bytes:
    return (json.dumps(record, indent=2) + "\n").encode()


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    """RFC 4180 CSV, CRLF line ends, UTF-8 without a byte-order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()
