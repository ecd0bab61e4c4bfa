"""Where to go, as a person reads it: the desk here first, then the sourced
places of the site's file, on the results and the procedures screens."""

from __future__ import annotations

import pytest
from kiosk_helpers import SINGLE_PARENT, click, on_results, screen_text, wait_until

from kiosk.config import ConfigError, load_config
from kiosk.widgets.places import PlacesToGo
from locales.display import strip_isolates

SMALL = (80, 24)
# Rights paid by the CAF (eligibility/benefits/*.yaml, institution: caf).
CAF_RIGHTS = {"rsa", "ppa", "aide_logement", "af", "cf", "asf", "ars", "paje_base", "aah", "aeeh"}


async def read_all(pilot, app, widget) -> str:
    """Scroll `widget` into view piece by piece and gather what the screen shows."""
    shown = []
    for part in [widget, *widget.children]:
        part.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        shown.append(screen_text(app))
    return "\n".join(shown)


# The address of Lille's CCAS, under its name (eligibility/data/places/lille.yaml).
ADDRESS = "104-108 boulevard de Metz, Lille"


def assert_address_indented(drawn: list[str], *, rtl: bool) -> None:
    """The address stands one column in from its place's bullet, on the side
    the line starts from: after it in French, before it in Arabic (mirrored)."""
    name = next(line for line in drawn if "Maison des Solidarités" in line)
    address = next(line for line in drawn if ADDRESS in line)
    if rtl:
        bullet = name.index("Solidarités •") + len("Solidarités ")
        assert address.index(ADDRESS) + len(ADDRESS) == bullet, (name, address)
    else:
        assert address.index(ADDRESS) == name.index("• CCAS") + 1, (name, address)


async def test_results_name_the_desk_then_the_lille_ccas_with_its_hours(make_app):
    app = make_app(places="lille")
    async with on_results(app, size=(120, 40)) as pilot:
        # Read at the smallest size.
        await pilot.resize_terminal(*SMALL)
        await pilot.pause(0.1)
        unclaimed = [w for w in app.screen.query(PlacesToGo) if w.id.startswith("where-unclaimed-")]
        assert unclaimed, "no right to claim in this journey"
        text = await read_all(pilot, app, unclaimed[0])
        assert "Où aller :" in text
        assert "L'accueil, ici : CCAS de Lille" in text
        assert "CCAS de Lille — Maison des Solidarités" in text
        assert ADDRESS in text
        assert "lundi 13:30–17:00 ; mardi – vendredi 09:00–17:00" in text
        # The desk comes first.
        lines = [p.text for p in unclaimed[0].query("Para")]
        assert lines[1].startswith("• L'accueil, ici") and "Maison des Solidarités" in lines[2]
        # Then, for a right of the CAF, the France Services nearest to Lille
        # (the ANCT's list), by address, hours and phone, read at 80×24.
        caf = next(w for w in unclaimed if w.what in CAF_RIGHTS)
        text = await read_all(pilot, app, caf)
        assert "France services Interfaces Lille Faubourg de Béthune" in text
        assert "106 Boulevard de Metz, Lille" in text
        assert "lundi – vendredi 09:00–12:00, 13:30–17:00" in text
        assert "Téléphone : 03 20 38 24 68" in text.replace("\u00a0", " ")  # held on one line


async def test_results_in_arabic_keep_the_place_name_in_french_and_days_in_arabic(make_app):
    app = make_app(places="lille")
    async with on_results(app, lang="ar", size=(120, 40)) as pilot:
        widget = next(w for w in app.screen.query(PlacesToGo) if w.id.startswith("where-unclaimed-"))
        lines = [p.text for p in widget.query("Para")]
        assert any("CCAS de Lille — Maison des Solidarités" in line for line in lines)
        assert any("الاثنين" in line for line in lines)  # Monday
        assert not any("Où aller" in line for line in lines)
        # As drawn: the place's name and address read left to right, each in
        # one piece, and stand on the right like every line of an Arabic
        # screen, the name's bullet on its right as the other bullets.
        drawn = (await read_all(pilot, app, widget)).splitlines()
        name = next(line for line in drawn if "Maison des Solidarités" in line)
        assert "• CCAS" not in name
        assert "CCAS de Lille — Maison des Solidarités •" in name, name
        bullet = name.index("Solidarités •") + len("Solidarités ")
        desk = next(line for line in drawn if "CCAS de Lille :" in line and line.rstrip(" │▎▊").endswith("•"))
        assert desk.rindex("•") == bullet, (desk, name)
        address = next(line for line in drawn if "boulevard de Metz" in line)
        assert ADDRESS in address, address
        assert_address_indented(drawn, rtl=True)


async def test_without_a_places_file_the_card_alone_names_the_desk(make_app):
    app = make_app()
    async with on_results(app, size=(120, 40)):
        widget = next(w for w in app.screen.query(PlacesToGo) if w.id.startswith("where-unclaimed-"))
        assert list(widget.query("Para")) == []
        # The site's name is isolated (bidi marks) in the text; compare what is read.
        assert any(
            "L'accueil peut vous aider à faire la demande, ici (CCAS de Lille)." in strip_isolates(p.text)
            for p in widget.parent.query("Para")
        )


async def test_a_roubaix_resident_is_not_sent_to_the_lille_ccas(make_app):
    # A kiosk of Roubaix, whose commune the resident taps, with Lille's file.
    app = make_app(places="lille", site_commune="59512", site_name="CCAS de Roubaix")
    async with on_results(app, {**SINGLE_PARENT, "commune": "59512"}, size=(120, 40)):
        assert app.session.answers["commune"] == "59512"
        widgets = list(app.screen.query(PlacesToGo))
        assert widgets
        for widget in widgets:
            # Lille's CCAS serves only Lille.
            assert not any("Maison des Solidarités" in p.text for p in widget.query("Para"))
        # A right of the CAF names Roubaix's own France Services first.
        caf = next(w for w in widgets if w.what in CAF_RIGHTS)
        read = [strip_isolates(p.text) for p in caf.query("Para")]
        names = [text for text in read if text.startswith("• France services")]
        assert names == [
            "• France services La Poste de Roubaix - Epeule",
            "• France services Mairie de Roubaix Quartier des 3 Ponts",
        ]


async def test_the_desk_listed_in_the_file_shows_its_address_on_the_procedures_screen(make_app):
    app = make_app(places="lille", desk_place="ccas-lille-maison-des-solidarites")
    async with on_results(app, size=(120, 40)) as pilot:
        await click(pilot, app.screen.query_one("#procedures"))
        await pilot.pause(0.1)
        text = screen_text(app)
        assert "L'accueil, ici : CCAS de Lille" in text
        assert ADDRESS in text
        assert "Avec ou sans rendez-vous." in text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('places = "nowhere"', "places file not found"),
        ('places = "lille"\ndesk_place = "nope"', "desk_place 'nope'"),
        ('desk_place = "ccas-lille-maison-des-solidarites"', "desk_place needs a places file"),
    ],
)
def test_a_wrong_places_setting_stops_the_kiosk_with_a_clear_message(tmp_path, text, fragment):
    path = tmp_path / "kiosk.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert fragment in str(error.value) and "Traceback" not in str(error.value)


async def test_switching_to_arabic_on_the_results_moves_the_indents_to_the_right(make_app):
    # The language changed on the results screen (the language button): the
    # page is drawn again in Arabic, its indents on the right too, and back
    # on the left in Ukrainian.
    app = make_app(places="lille")
    async with on_results(app, lang="fr", size=(120, 40)) as pilot:
        for lang, indent_on_right in (("ar", True), ("uk", False)):
            app.set_language(lang)
            assert await wait_until(pilot, lambda lang=lang: app.screen.query(PlacesToGo) and app.lang == lang)
            await pilot.pause()
            widget = next(w for w in app.screen.query(PlacesToGo) if w.id.startswith("where-unclaimed-"))
            assert_address_indented((await read_all(pilot, app, widget)).splitlines(), rtl=indent_on_right)
