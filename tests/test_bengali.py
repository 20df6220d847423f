import unicodedata

import pytest

from kb_app.bengali import canonical, normalise, stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("অভিযোগগুলি", "অভিযোগ"),
        ("অভিযোগগুলোর", "অভিযোগ"),
        ("অভিযোগের", "অভিযোগ"),
        ("গ্রাহকদের", "গ্রাহক"),
        ("গ্রাহকের", "গ্রাহক"),
        ("গ্রাহকদেরকে", "গ্রাহক"),
        ("ফেরতের", "ফেরত"),
        ("টাকার", "টাকা"),
        ("বাড়িতে", "বাড়ি"),
    ],
)
def test_inflections_reduce_to_the_stem(word: str, expected: str) -> None:
    assert stem(normalise(word)) == normalise(expected)


@pytest.mark.parametrize("word", ["গ্রাহক", "অভিযোগ", "ফেরত", "টাকা", "ওয়ারেন্টি", "পানি", "কে"])
def test_stems_are_left_alone(word: str) -> None:
    assert stem(normalise(word)) == normalise(word)


def test_suffix_is_not_cut_out_of_a_conjunct() -> None:
    # ন্টি: the ট belongs to the conjunct, so টি is not a classifier here
    assert stem(normalise("ওয়ারেন্টি")).endswith("ন্টি")
    assert stem(normalise("ওয়ারেন্টির")) == normalise("ওয়ারেন্টি")


def test_all_forms_of_a_word_meet_on_one_stem() -> None:
    forms = ["রাউটার", "রাউটারের", "রাউটারটি", "রাউটারে"]
    assert len({stem(normalise(f)) for f in forms}) == 1


def test_a_verbs_forms_meet_on_one_stem() -> None:
    # future, past, continuous, infinitive and verbal noun of বদলানো (to change)
    forms = ["বদলাব", "বদলাবো", "বদলালাম", "বদলাচ্ছে", "বদলাচ্ছি", "বদলানো", "বদলাতে"]
    assert {stem(normalise(f)) for f in forms} == {normalise("বদলা")}
    assert stem(normalise("পাব")) == stem(normalise("পাবেন")) == normalise("পা")
    assert stem(normalise("করেছি")) == stem(normalise("করেছে")) == normalise("কর")


@pytest.mark.parametrize("word", ["করব", "খবর", "হবে"])
def test_endings_that_are_part_of_the_word_stay(word: str) -> None:
    # ব and র come off only after a vowel sign (করব, খবর end so); -বে is not a verb
    # ending here: it would make হবে and যাবে, in most sentences, one word with হ and যা
    assert stem(normalise(word)) == normalise(word)


def test_normalise_composes_drops_joiners_and_folds_digits() -> None:
    decomposed = unicodedata.normalize("NFD", "বাড়ি")
    assert normalise(decomposed) == normalise("বাড়ি")
    assert normalise("ক্\u200dষ") == normalise("ক্ষ")
    assert normalise("১২৩") == "123"


def test_canonical_keeps_bengali_digits_for_display() -> None:
    assert canonical("৳১০০\u200c") == "৳১০০"


def test_english_words_are_not_bengali_stemmed() -> None:
    assert stem("refunds") == "refunds"
