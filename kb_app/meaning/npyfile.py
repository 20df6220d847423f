""".npy files read and written in pieces: search by meaning maps or reads parts of
files too large to load whole (the vectors' store, the model's widened weights) and
writes them from blocks it never joins in memory."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from kb_app.fileio import atomic_write_chunks


def read_header(file: BinaryIO) -> tuple[tuple[int, ...], bool, np.dtype]:
    """The shape, Fortran order and type of the .npy array that starts where `file` is;
    `file` is left where its data begins. ValueError if it is not one."""
    version = np.lib.format.read_magic(file)
    header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
              else np.lib.format.read_array_header_2_0)
    shape, fortran, dtype = header(file)
    return shape, fortran, dtype


def write(path: Path, dtype: np.dtype, length: int, blocks: Iterable[bytes]) -> None:
    """A one-dimensional .npy array of `length` items, written atomically from `blocks`
    (its data, one after another)."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {
        "descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False,
        "shape": (length,)})
    atomic_write_chunks(path, itertools.chain([header.getvalue()], blocks))
