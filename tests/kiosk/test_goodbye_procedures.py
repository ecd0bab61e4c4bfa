"""The end of the session (the goodbye screen, answers already erased)
offers help with online procedures: the desk here, then the France Services
and digital-inclusion places of the site's file, by name, address and hours.
Read as drawn at 80×24."""

from __future__ import annotations

from kiosk_helpers import screen_text

from kiosk.screens.goodbye import GoodbyeScreen
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
    app._replace(GoodbyeScreen(lang))
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
        # Everything fits at 80×24 with the button to start again.
        assert "Nouvelle personne" in text
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
