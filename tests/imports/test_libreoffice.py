"""Every import template as LibreOffice sees it (headless Calc, Debian's `libreoffice-calc-nogui`,
which `make test` installs): it opens without an error or a warning, and once LibreOffice has saved
it again it still imports unchanged, headers, drop-down lists and example row."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from api.core.importing import Mapping, bind
from api.imports import templates
from api.imports.readers import Limits, decode
from api.imports.service import mappings

SOFFICE = shutil.which("soffice")
# Said on every start of a machine without Java; nothing to do with the file.
NOT_ABOUT_THE_FILE = ("failed to launch javaldx",)

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (make test installs it)"
)


def _saved_by_libreoffice(original: Path, out: Path) -> tuple[Path, list[str]]:
    """The file opened and saved again by LibreOffice as XLSX, and what LibreOffice said."""
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(original),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    said = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and not line.startswith("convert ") and not any(n in line for n in NOT_ABOUT_THE_FILE)
    ]
    assert done.returncode == 0, said
    return out / original.name, said


@pytest.mark.parametrize("mapping", list(mappings().values()), ids=lambda m: m.resource)
def test_libreoffice_opens_the_template_without_a_warning_and_it_imports_unchanged(
    mapping: Mapping, tmp_path: Path
) -> None:
    written = templates.template(mapping)
    original = tmp_path / f"mau-nhap-{mapping.resource}.xlsx"
    original.write_bytes(written)
    out = tmp_path / "libreoffice"
    out.mkdir()
    saved, said = _saved_by_libreoffice(original, out)
    assert said == [], said
    assert saved.exists()

    limits = Limits(max_rows=100, max_unpacked_bytes=10**8)
    ours, theirs = decode(written, limits), decode(saved.read_bytes(), limits)
    bound = bind(mapping, theirs.headers)
    assert (bound.missing, bound.ignored) == ([], [])
    assert theirs.headers == ours.headers == [c.header_vi for c in mapping.columns]
    assert list(theirs.rows()) == list(ours.rows())
    with zipfile.ZipFile(saved) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    # The drop-down lists survive LibreOffice's save: one per column with fixed values.
    assert sheet.count("<dataValidation ") == sum(1 for c in mapping.columns if c.choices)
