"""Two build steps pyproject.toml cannot declare.

- The sample knowledge base goes into the package. `articles/` at the top of the
  repository is its only copy; building the package (a wheel, `pip install .`) copies it
  to `kb_app/sample_articles`, where an install without the source checkout finds it
  (kb_app.config.bundled_articles_dir). An editable install reads `articles/` in place.
- The interface translations are compiled: each `kb_app/i18n/*.ts` (kept in the
  repository) becomes the `.qm` the app loads (kb_app.gui.i18n), with Qt's lrelease from
  PySide6 (a build requirement). An editable install compiles them in place, as `make`
  does.

Everything else is declared in pyproject.toml."""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SAMPLE = ROOT / "articles"
TRANSLATIONS = ROOT / "kb_app" / "i18n"


def lrelease() -> str:
    """Qt's translation compiler: PySide6's own, else one on the PATH."""
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        tool = Path(spec.origin).parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
        if tool.is_file():
            return str(tool)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise RuntimeError("building Gyan needs Qt's lrelease (PySide6) to compile "
                           "kb_app/i18n/*.ts")
    return found


def compile_translations(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([lrelease(), "-silent", str(source), "-qm",
                        str(target / f"{source.stem}.qm")], check=True)


class BuildPyWithSample(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            compile_translations(TRANSLATIONS)
            return
        compile_translations(Path(self.build_lib) / "kb_app" / "i18n")
        target = Path(self.build_lib) / "kb_app" / "sample_articles"
        shutil.rmtree(target, ignore_errors=True)  # nothing left from an earlier build
        shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithSample})
