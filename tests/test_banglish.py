"""Sound keys: a Bengali word and the loose Latin spellings agents type meet on one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb_app.analysis import normalise_word
from kb_app.banglish import bengali_key, bengali_keys, latin_keys

MEET = [
    ("টাকা", "taka"), ("ফেরত", "ferot"), ("ফেরত", "pherat"), ("ফেরত", "ferat"),
    ("খারাপ", "kharap"), ("খারাপ", "kharaap"), ("সময়", "shomoy"), ("সময়", "somoy"),
    ("সময়", "samay"), ("অসুবিধা", "ossubidha"), ("অসুবিধা", "osubidha"), ("হচ্ছে", "hocche"),
    ("বিকাশে", "bikash"), ("বিকাশ", "bkash"), ("নম্বর", "nombor"), ("বাংলা", "bangla"),
    ("ক্ষতি", "khoti"), ("ঘড়ি", "ghori"), ("বন্ধ", "bondho"), ("চালু", "chalu"),
    # English loanwords in Bengali script, inflected in the text
    ("রাউটারের", "router"), ("রাউটারের", "routerer"), ("ওয়ারেন্টিতে", "warranty"),
    ("রিচার্জ", "recharge"), ("ডেলিভারিতে", "delivery"), ("ডেলিভারিতে", "deliverite"),
    ("পাসওয়ার্ড", "password"), ("ইনভয়েস", "invoice"), ("ব্যাংক", "bank"),
    ("চার্জার", "charger"), ("ফিল্টারগুলো", "filter"), ("অর্ডারটি", "order"),
    ("ট্র্যাকিং", "tracking"), ("প্ল্যান", "plan"), ("ব্যাটারি", "battery"),
]


@pytest.mark.parametrize(("bengali", "latin"), MEET)
def test_bengali_words_and_their_latin_spellings_share_a_key(bengali: str,
                                                             latin: str) -> None:
    assert set(bengali_keys(normalise_word(bengali))) & set(latin_keys(latin))


@pytest.mark.parametrize(("bengali", "latin"), [
    ("টাকা", "router"), ("ফেরত", "kharap"), ("সময়", "taka"), ("রাউটার", "rate"),
    ("ওয়ারেন্টি", "warning"), ("বিকাশ", "book")])
def test_different_words_do_not(bengali: str, latin: str) -> None:
    assert not set(bengali_keys(normalise_word(bengali))) & set(latin_keys(latin))


def test_words_too_short_to_say_anything_have_no_key() -> None:
    assert latin_keys("nai") == [] and latin_keys("app") == []
    assert bengali_key("নাই") == "" and bengali_keys("অ্যাপ") == ()
    assert latin_keys("টাকা") == [] and latin_keys("Taka") == []  # lower-case Latin only


def test_a_cut_ending_must_leave_a_key_that_says_something() -> None:
    assert latin_keys("router") == ["rtr"]  # not "rt" from "rout"


@given(st.text(max_size=40))
def test_any_text_gives_keys_without_raising(text: str) -> None:
    for key in [*bengali_keys(text), *latin_keys(text.lower())]:
        assert key.isascii() and len(key) >= 2
