"""The wheel alone: `pip wheel --no-deps .` makes a wheel that carries kb_app and the sample
knowledge base, and `kb` from a fresh venv with that wheel (and the dependencies, nothing
of this checkout) searches the sample from anywhere.

The dependencies are not downloaded: the new venv's site-packages gets links to the files
of exactly the distributions the wheel requires (and theirs), found in this environment
by their RECORD. The editable install of this checkout is not among them, so the only
kb_app the new venv can import is the wheel's: the test asserts it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path, PurePosixPath

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from kb_app.version import version

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "kb_app", "articles"]


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def build_wheel(tmp: Path) -> Path:
    """From a copy of the sources (a build writes build/ and *.egg-info beside them: not
    into the checkout, where other runs may be building too)."""
    source = tmp / "source"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", tmp / "dist", source], cwd=tmp)
    (wheel,) = (tmp / "dist").glob("gyan-*.whl")
    return wheel


def requirements(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(archive.read(name).decode("utf-8"))
    return meta.get_all("Requires-Dist") or []


def dependencies(required: list[str]) -> list[metadata.Distribution]:
    """The installed distributions `required` needs, and theirs, extras followed."""
    found: dict[str, metadata.Distribution] = {}
    todo = [(Requirement(r), {""}) for r in required]
    while todo:
        req, extras = todo.pop()
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in extras):
            continue
        name = canonicalize_name(req.name)
        if name in found:
            continue
        found[name] = dist = metadata.distribution(req.name)
        todo += [(Requirement(r), {"", *req.extras}) for r in dist.requires or []]
    return list(found.values())


def link_dependencies(dists: list[metadata.Distribution], site: Path) -> None:
    for dist in dists:
        assert dist.files is not None, f"{dist.metadata['Name']} has no RECORD"
        for top in {PurePosixPath(f).parts[0] for f in dist.files}:
            if top in ("..", "__pycache__") or (site / top).exists():
                continue
            (site / top).symlink_to(Path(str(dist.locate_file(top))))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the venv, a scratch folder outside the checkout, the environment to run it in)."""
    started = time.monotonic()
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(tmp)
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    site = Path(run([python, "-I", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                    cwd=tmp).stdout.strip())
    link_dependencies(dependencies(requirements(wheel)), site)
    # Not --no-deps: pip checks that what the wheel requires is there, finding it offline.
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-index", "-q",
         wheel], cwd=tmp)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env |= {"GYAN_CACHE_DIR": str(tmp / "cache"), "GYAN_DATA_DIR": str(tmp / "data")}
    print(f"wheel built and installed in {time.monotonic() - started:.1f} s")
    return venv, tmp, env


def test_the_wheel_carries_the_package_and_the_sample(installed) -> None:
    venv, tmp, _ = installed
    (wheel,) = (tmp / "dist").glob("gyan-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    sample = sorted(p.relative_to(ROOT / "articles").as_posix()
                    for p in (ROOT / "articles").rglob("*") if p.is_file())
    assert sorted(n.removeprefix("kb_app/sample_articles/") for n in names
                  if n.startswith("kb_app/sample_articles/")) == sample
    assert "kb_app/site_templates/base.html" in names
    assert "kb_app/i18n/gyan_bn.qm" in names  # compiled by the build from the .ts
    assert not [n for n in names if n.startswith("articles/") or "__pycache__" in n]
    assert wheel.name == f"gyan-{version()}-py3-none-any.whl"
    assert {"kb", "gyan", "gyan-askpass"} <= {p.name for p in (venv / "bin").iterdir()}


def test_kb_version_from_the_wheel(installed) -> None:
    venv, tmp, env = installed
    assert run([venv / "bin" / "kb", "--version"], cwd=tmp, env=env).stdout == (
        f"kb {version()}\n")


def test_only_the_wheels_kb_app_is_importable(installed) -> None:
    venv, tmp, env = installed
    probe = ("import json, sys, kb_app, kb_app.config as c; print(json.dumps("
             "[kb_app.__file__, str(c.bundled_articles_dir()), sys.path, kb_app.__version__]))")
    where, sample, path, declared = json.loads(
        run([venv / "bin" / "python", "-c", probe], cwd=tmp, env=env).stdout)
    assert Path(where).is_relative_to(venv)
    assert Path(sample).is_relative_to(venv) and Path(sample).name == "sample_articles"
    assert not [p for p in path if p and Path(p).resolve().is_relative_to(ROOT)]
    assert declared == version()


def test_kb_search_finds_the_bundled_sample_outside_the_checkout(installed) -> None:
    venv, tmp, env = installed
    sample = next((venv / "lib").glob("python*/site-packages/kb_app/sample_articles"))
    read_only = [p for p in (sample, *sample.rglob("*")) if p.is_dir()]
    for folder in read_only:  # an installed app's data may not be writable: never needed
        folder.chmod(0o555)
    try:
        found = json.loads(run([venv / "bin" / "kb", "search", "refund", "--json"],
                               cwd=tmp, env=env).stdout)
    finally:
        for folder in read_only:
            folder.chmod(0o755)
    assert found["total"] > 0
    paths = [hit["path"] for hit in found["results"]]
    assert all((ROOT / "articles" / p).is_file() for p in paths)
    assert any("refund" in hit["title"].lower() for hit in found["results"][:3])
