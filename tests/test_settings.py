"""Preferences: typed, defaulted, checked when read, and only what differs is written."""

from __future__ import annotations

import ast
import dataclasses
import inspect

import pytest

from kb_app import config
from kb_app.settings import WINDOW_STATE_KEYS, MemoryStore, Preferences


def test_an_empty_store_gives_the_defaults() -> None:
    prefs = Preferences.load(MemoryStore())
    assert prefs == Preferences()
    assert (prefs.theme, prefs.font_size, prefs.interface_language) == ("system", 11, "system")
    assert prefs.record_searches is True
    assert prefs.articles_folder == prefs.export_folder == ""
    assert prefs.team_sync_seconds == 60


def test_saving_the_defaults_writes_nothing() -> None:
    store = MemoryStore()
    Preferences().save(store)
    assert store.values == {}


def test_only_what_differs_is_written_and_reads_back() -> None:
    store = MemoryStore()
    prefs = Preferences(author="Nusrat Jahan", font_size=14, theme="dark",
                        record_searches=False, interface_language="bn")
    prefs.save(store)
    assert store.values == {"author": "Nusrat Jahan", "font_size": "14", "theme": "dark",
                            "record_searches": "false", "interface_language": "bn"}
    assert Preferences.load(store) == prefs


def test_a_value_set_back_to_its_default_is_removed() -> None:
    store = MemoryStore({"theme": "dark", "font_size": "14"})
    prefs = Preferences.load(store)
    prefs.theme = "system"
    prefs.save(store)
    assert store.values == {"font_size": "14"}


@pytest.mark.parametrize(("key", "text"), [
    ("font_size", "huge"), ("font_size", ""), ("font_size", "3"), ("font_size", "1e9"),
    ("font_size", "12.5"), ("theme", "neon"), ("theme", ""), ("interface_language", "fr"),
    ("record_searches", "maybe"), ("record_searches", ""),
])
def test_garbage_falls_back_to_the_default(key: str, text: str) -> None:
    prefs = Preferences.load(MemoryStore({key: text, "author": "Rumi"}))
    assert getattr(prefs, key) == getattr(Preferences(), key)
    assert prefs.author == "Rumi"  # the rest is read as usual


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("True", True), ("1", True), ("yes", True), ("false", False),
    ("0", False), ("off", False),
])
def test_flags_are_read_as_written_by_any_backend(text: str, value: bool) -> None:
    assert Preferences.load(MemoryStore({"record_searches": text})).record_searches is value


def test_values_that_fit_are_kept_whatever_spaces_or_case_surround_them() -> None:
    assert Preferences.load(MemoryStore({"font_size": " 28 "})).font_size == 28
    assert Preferences.load(MemoryStore({"font_size": "8"})).font_size == 8
    assert Preferences.load(MemoryStore({"theme": "Dark "})).theme == "dark"
    assert Preferences.load(MemoryStore({"author": " Rumi "})).author == " Rumi "  # as typed


def test_a_field_given_a_wrong_value_in_code_is_saved_as_its_default() -> None:
    store = MemoryStore({"theme": "dark"})
    prefs = Preferences(theme="neon", font_size=99)
    prefs.save(store)
    assert store.values == {}


def test_unknown_keys_are_left_alone() -> None:
    store = MemoryStore({"geometry": "opaque", "someone_elses": "x"})
    Preferences(author="A").save(store)
    assert store.values == {"geometry": "opaque", "someone_elses": "x", "author": "A"}


def test_every_field_has_a_docstring_and_no_field_is_window_state() -> None:
    names = [f.name for f in dataclasses.fields(Preferences)]
    body = ast.parse(inspect.getsource(Preferences)).body[0].body
    documented = {node.target.id for node, after in zip(body, body[1:], strict=False)
                  if isinstance(node, ast.AnnAssign) and isinstance(after, ast.Expr)
                  and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)}
    assert documented == set(names)
    assert not set(names) & set(WINDOW_STATE_KEYS)
    assert config.ARTICLES_SETTING in names  # the key the app already remembers it under
