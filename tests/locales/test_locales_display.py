"""Shaping and reordering right-to-left text for a terminal."""

from __future__ import annotations

import unicodedata

import pytest

from locales import display

ARABIC = "دخل التضامن الفعال"
PERSIAN = "کمک هزینه مسکن برای خانواده"  # Dari/Persian letters ک ی
PASHTO = "د کور د کرايې مرسته ښځې او ماشومان ګټه"  # Pashto letters ښ ګ ټ ې


def is_presentation_form(char: str) -> bool:
    return "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff"


def logical(visual: str) -> str:
    """Undo display() for a text with only right-to-left words: read the
    glyphs from the right, then turn presentation forms back into letters."""
    return unicodedata.normalize("NFKC", visual[::-1])


@pytest.mark.parametrize(("text", "lang"), [(ARABIC, "ar"), (PERSIAN, "fa"), (PASHTO, "ps")])
def test_shaped_and_reversed(text, lang):
    shown = display(text, lang)
    assert shown != text
    assert sum(map(is_presentation_form, shown)) >= len(text.replace(" ", "")) // 2
    assert logical(shown) == text


def test_arabic_glyphs():
    shown = display("دخل", "ar")
    # On screen, from the left: final LAM, initial KHAH, isolated DAL (it
    # never joins the next letter).
    assert shown == "\ufede\ufea7\ufea9"


def test_persian_letters_are_shaped():
    shown = display("یک", "fa")
    # FARSI YEH initial, KEHEH final.
    assert shown == "\ufb8f\ufbfe"


def test_pashto_letters_without_presentation_forms():
    # ښ has no presentation form: it is kept, and پ before it takes its
    # isolated form, so nothing on screen is drawn half-joined.
    shown = display("پښتو", "ps")
    assert "ښ" in shown
    assert "\ufb56" in shown  # PEH isolated
    assert "\ufb58" not in shown  # not PEH initial
    for letter in "ټډړږښګڼۍ":
        assert letter in display(f"ا{letter}ا", "ps")
    # ې has presentation forms and gets them.
    assert "ې" not in display("ښځې", "ps")


def test_mixed_latin_stays_left_to_right():
    shown = display("دخل التضامن الفعال — RSA", "ar")
    assert shown.startswith("RSA — ")
    assert logical(shown[len("RSA — ") :]) == ARABIC


def test_amounts_keep_their_order():
    shown = display("المبلغ: 646,52 €", "ar")
    assert "646,52" in shown
    assert shown.index("€") < shown.index("646,52")  # read from the right: amount, then €
    assert logical(shown.split(" ")[-1]) == "المبلغ:"


def test_babel_bidi_marks_are_removed():
    from locales import format_money

    shown = display(f"المبلغ {format_money(646.52, 'ar')}", "ar")
    assert "\u200f" not in shown and "\u200e" not in shown
    assert "646.52" in shown


def test_brackets_are_mirrored():
    shown = display("(تجربة)", "ar")
    assert shown[0] == "(" and shown[-1] == ")"


def test_multi_line():
    shown = display("السطر الأول\nالسطر الثاني\n\nRSA", "ar")
    lines = shown.split("\n")
    assert len(lines) == 4
    assert logical(lines[0]) == "السطر الأول"
    assert logical(lines[1]) == "السطر الثاني"
    assert lines[2] == ""
    assert lines[3] == "RSA"


def test_shaping_off_or_left_to_right_language_is_unchanged():
    assert display(ARABIC, "ar", shaping=False) == ARABIC
    assert display(ARABIC, "fr") == ARABIC
    assert display("Revenu de solidarité active (RSA)", "en") == "Revenu de solidarité active (RSA)"
    with pytest.raises(ValueError):
        display(ARABIC, "xx")


def test_isolated_latin_name_keeps_its_own_parentheses():
    from locales import isolate

    sentence = "ابدأ هنا (" + isolate("CCAS de Lille (démonstration)") + ") ثم"
    shown = display(sentence, "ar")
    # The Latin name reads left to right, whole, inside one pair of brackets.
    assert "(CCAS de Lille (démonstration))" in shown
    # Without isolation the nested brackets come out broken (the bug).
    assert "(CCAS de Lille (démonstration))" not in display(sentence.replace("\u2068", "").replace("\u2069", ""), "ar")
    # Isolation marks never reach a screen.
    assert "\u2068" not in shown and "\u2069" not in shown


def test_isolation_marks_are_dropped_for_left_to_right_text():
    from locales import isolate, strip_isolates

    assert strip_isolates("ici (" + isolate("CCAS") + ")") == "ici (CCAS)"


@pytest.mark.parametrize("lang", ["ar", "fa", "ps"])
@pytest.mark.parametrize("phone", ["0 805 204 805", "03 20 18 98 98", "+33 3 20 18 98 98"])
def test_a_phone_number_keeps_its_groups_in_order(lang, phone):
    """Digit groups with spaces between them in a right-to-left sentence:
    the algorithm alone orders the groups right to left ("805 204 805 0"),
    and a resident would dial the wrong number."""
    from locales import isolate_latin

    shown = display(isolate_latin(f"الهاتف: {phone}."), lang)
    assert phone in shown
    # Not only at the start of the run: a French name before it, then the number.
    assert phone in display(isolate_latin(f"الهاتف: Chèque énergie {phone}"), lang)


def test_ranges_dates_and_grouped_amounts_are_as_they_were():
    """Only groups split by plain spaces are isolated: a time range keeps the
    reading order of the sentence, a date and an amount with a narrow no-break
    space were already whole."""
    from locales import isolate_latin

    assert display(isolate_latin("الاثنين 13:30–17:00"), "ar").startswith("17:00–13:30")
    assert "25/12/1980" in display(isolate_latin("تاريخ 25/12/1980"), "ar")
    assert "1\u202f084,42" in display(isolate_latin("المبلغ: 1\u202f084,42 €"), "ar")
    assert isolate_latin("السؤال 1 من حوالي 10") == "السؤال 1 من حوالي 10"


def test_joined_number_groups_for_the_pdf():
    from locales import join_number_groups

    assert join_number_groups("الهاتف: 0 805 204 805.") == "الهاتف: 0\u00a0805\u00a0204\u00a0805."
    assert join_number_groups("السؤال 1 من حوالي 10") == "السؤال 1 من حوالي 10"


def test_phone_numbers_held_for_a_left_to_right_wrap():
    from locales.display import hold_phone_numbers

    assert hold_phone_numbers("au 03 20 49 50 00 du lundi") == "au 03\u00a020\u00a049\u00a050\u00a000 du lundi"
    # A list of times, a count beside a word: left as they are.
    for text in ("09:00–12:00, 13:30–17:00", "2 enfants de 8 ans"):
        assert hold_phone_numbers(text) == text
