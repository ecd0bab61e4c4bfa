"""Digits typed at scanner speed, then Enter at once: one Enter is enough,
and it validates what was typed (not what the screen showed one key earlier).

The keys are handed to the app all together, as a fast typist or a barcode
scanner sends them; the screen's copy of the pad's value follows by messages
that can arrive after the Enter. Before the fix the amount was refused (a
second Enter was needed) and a postal code typed over the kiosk's own
commune gave the kiosk's commune."""

from __future__ import annotations

from kiosk_helpers import SINGLE_PARENT, answered, caught_up, choose_language, resume, screen_text, wait_until
from textual import events


async def type_then_enter(pilot, app, text: str) -> None:
    for key in [*text, "enter"]:
        event = events.Key(key, key if len(key) == 1 else "\r")
        event.set_sender(app)
        app.post_message(event)  # as the terminal driver does
    await caught_up(app)  # the Enter may have opened the next question already
    await wait_until(pilot, lambda: not app.screen.query("#letters, #pad") or app.session.progress.done)


async def test_one_enter_right_after_fast_digits_validates_them(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, "fr", "keys")
        typed = {"commune": "59350", "birth": "34", "salary": "1100", "rent": "600"}
        seen = set()
        for _ in range(40):
            if app.session.is_complete or seen == set(typed):
                break
            q = app.session.current
            if q.id in typed:
                before = app.session.progress.done
                await type_then_enter(pilot, app, typed[q.id])
                await wait_until(pilot, lambda before=before: app.session.progress.done != before)
                assert app.session.progress.done == before + 1, (q.id, screen_text(app))
                seen.add(q.id)
                data = app.session.partial_household_data()
                if q.id == "commune":
                    # Saint-André-lez-Lille (59350), not the kiosk's own Lille (59000).
                    assert app.session.answers["commune"] == "59527"
                elif q.id == "birth":
                    assert data["people"][0]["birth_date"] is not None
                elif q.id == "salary":
                    assert data["people"][0]["income"]["salary"] == 1100, data["people"][0]  # not 110
                elif q.id == "rent":
                    assert data["housing"]["rent"] == 600, data["housing"]

                # The next question's screen drawn before going on.
                def drawn() -> bool:
                    shown = getattr(app.screen, "question", None)
                    return app.session.is_complete or (shown is not None and shown.id == app.session.current.id)

                await wait_until(pilot, drawn)
                await pilot.pause()
                continue
            # The questions between are answered as the screens answer them
            # (keyboard journeys: test_journeys.py); the next typed one is shown.
            following = next(k for k in typed if k not in seen)
            await resume(pilot, app, answered(SINGLE_PARENT, session=app.session, until=following))
        assert seen == set(typed), seen
