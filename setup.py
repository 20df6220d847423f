"""One build step pyproject.toml cannot declare: the sample knowledge base goes into the
package. `articles/` at the top of the repository is its only copy; building the package
(a wheel, `pip install .`) copies it to `kb_app/sample_articles`, where an install without
the source checkout finds it (kb_app.config.bundled_articles_dir). An editable install
reads `articles/` in place. Everything else is declared in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE = Path(__file__).resolve().parent / "articles"


class BuildPyWithSample(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "kb_app" / "sample_articles"
        shutil.rmtree(target, ignore_errors=True)  # nothing left from an earlier build
        shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithSample})
