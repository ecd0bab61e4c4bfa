"""The end of the session (the goodbye screen, answers already erased)
offers help with online procedures: the desk here, then the France Services
and digital-inclusion places of the site's file, by name, address and hours,
nearest to the kiosk first; it stays long enough to read them, and
"Terminer" leaves at once. Read as drawn at 80×24."""

from __future__ import annotations

import time

from kiosk_helpers import screen_text

from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.screens.language import LanguageScreen
from locales import gettext
from locales.display import strip_isolates

SMALL = (80, 24)

# A places file for this test only (fictitious entries, never shipped):
# the real files keep to sourced places (eligibility/data/places/example.yaml).
TEST_PLACES = """
site: Test
places:
  - id: desk
    name: Accueil d'essai
    kind: ccas
    address: 1 rue de l'Essai
    commune: "59350"
    hours:
      - {days: [mon, tue], opens: "09:00", closes: "12:00"}
    appointment: without
    helps_with: [all_rights]
    source: https://example.org/test-only
    checked: 2026-12-01
  - id: numerique
    name: Atelier numérique d'essai
    kind: digital_inclusion
    address: 2 rue de l'Essai
    commune: "59350"
    hours:
      - {days: [wed], opens: "14:00", closes: "17:00"}
    helps_with: [online_procedures]
    source: https://example.org/test-only
    checked: 2026-12-01
  - id: caf
    name: Guichet CAF d'essai
    kind: caf
    address: 3 rue de l'Essai
    commune: "59350"
    helps_with: [caf]
    source: https://example.org/test-only
    checked: 2026-12-01
"""


async def _goodbye(app, pilot, lang):
    await pilot.pause()
    app.lang = lang
    app.show(GoodbyeScreen(lang))
    await pilot.pause(0.2)
    return strip_isolates(screen_text(app))


async def test_goodbye_offers_the_desk_and_the_digital_places_by_name_address_hours(make_app, tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(TEST_PLACES, encoding="utf-8")
    app = make_app(places=str(path), desk_place="desk", goodbye_delay=600)
    async with app.run_test(size=SMALL) as pilot:
        text = await _goodbye(app, pilot, "fr")
        assert "Besoin d'aide pour les démarches en ligne ?" in text
        assert "• L'accueil, ici : CCAS de Lille" in text
        assert "1 rue de l'Essai, Lille" in text and "lundi, mardi 09:00–12:00" in text
        assert "Atelier numérique d'essai" in text
        assert "2 rue de l'Essai, Lille" in text and "mercredi 14:00–17:00" in text
        # Only the places for online procedures: not the CAF's counter.
        assert "Guichet CAF" not in text
        # Everything fits at 80×24 with the button to leave.
        assert "Terminer" in text
        assert app.session is None and app.screening is None


async def test_goodbye_in_arabic_with_the_lille_file(make_app):
    app = make_app(places="lille", desk_place="ccas-lille-maison-des-solidarites", goodbye_delay=600)
    async with app.run_test(size=SMALL) as pilot:
        text = await _goodbye(app, pilot, "ar")
        texts = [strip_isolates(p.text) for p in app.screen.query("#goodbye-procedures Para")]
        assert texts[0] == gettext("ar", "Besoin d'aide pour les démarches en ligne ?")
        # The place's name and address stay as written (French).
        assert "104-108 boulevard de Metz, Lille" in text
        assert "Besoin d'aide" not in text


async def test_goodbye_names_the_france_services_nearest_to_the_kiosk_from_the_lille_file(make_app):
    # eligibility/data/places/lille.yaml, from the ANCT's list of 1 August 2024:
    # the kiosk stands in Lille (site_commune 59350), so Lille's two France
    # Services come before those of Roubaix or Tourcoing.
    app = make_app(places="lille", desk_place="ccas-lille-maison-des-solidarites", goodbye_delay=600)
    async with app.run_test(size=SMALL) as pilot:
        text = await _goodbye(app, pilot, "fr")
        assert "France services Interfaces Lille Faubourg de Béthune" in text
        assert "106 Boulevard de Metz, Lille" in text
        assert "lundi – vendredi 09:00–12:00, 13:30–17:00" in text
        assert "Téléphone : 03 20 38 24 68" in text.replace("\u00a0", " ")  # held on one line
        assert "France services La Poste de Lille - Bois Blancs" in text
        assert "Roubaix" not in text and "Tourcoing" not in text
        assert "Terminer" in text


async def test_goodbye_stays_longer_for_each_place_it_shows(make_app, tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(TEST_PLACES, encoding="utf-8")
    with_places = make_app(places=str(path), desk_place="desk", goodbye_delay=12, goodbye_seconds_per_place=20)
    async with with_places.run_test(size=SMALL) as pilot:
        await _goodbye(with_places, pilot, "fr")
        # The desk's address and hours, and one digital-inclusion place.
        assert with_places.screen.delay() == 12 + 2 * 20
    without = make_app(goodbye_delay=12, goodbye_seconds_per_place=20)
    async with without.run_test(size=SMALL) as pilot:
        await _goodbye(without, pilot, "fr")
        assert without.screen.delay() == 12


async def _wait_for(pilot, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)


async def test_goodbye_with_places_goes_back_by_itself_and_terminer_leaves_at_once(make_app, tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(TEST_PLACES, encoding="utf-8")
    # Short delays so that the test waits for the screen to go by itself.
    app = make_app(places=str(path), desk_place="desk", goodbye_delay=0.2, goodbye_seconds_per_place=0.3)
    async with app.run_test(size=SMALL) as pilot:
        started = time.monotonic()
        await _goodbye(app, pilot, "fr")
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
        assert isinstance(app.screen, LanguageScreen)
        # Not before the time to read the two places (0.2 + 2 × 0.3 s).
        assert time.monotonic() - started >= 0.8
    app = make_app(places=str(path), desk_place="desk", goodbye_delay=600)
    async with app.run_test(size=SMALL) as pilot:
        await _goodbye(app, pilot, "fr")
        await pilot.click("#next-person")
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen), timeout=5)
        assert isinstance(app.screen, LanguageScreen) and app.session is None
