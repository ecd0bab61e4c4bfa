"""The "🔊 Listen" button: reads a part of the screen aloud.

It reads what a person sees in `target` (a container of the screen): the
paragraphs shown and the answer buttons, in order. A second press stops.
Speech stops when the button goes (the person moves on, or the session is
erased). Not shown when speech is off or the language has no voice
(Pashto, see the README).
"""

from __future__ import annotations

from textual.widget import Widget

from kiosk.speech import Silent, Speaker, make_speaker
from kiosk.widgets.buttons import BigButton
from kiosk.widgets.text import Para
from locales import N_

LISTEN = N_("Écouter")


def speaker_of(app) -> Speaker:
    """The app's speaker (given to the app, or made from its configuration
    on first use); silent when the site turned speech off."""
    if not app.config.speech.enabled:
        return Silent()
    speaker = getattr(app, "_speaker", None)
    if speaker is None:
        speaker = app._speaker = make_speaker(app.config.speech)
    return speaker


def can_listen(app) -> bool:
    return speaker_of(app).speaks(app.lang)


def visible_text(container: Widget) -> str:
    """The paragraphs and answer buttons shown in `container`, in order."""
    parts: list[str] = []
    for widget in container.walk_children(with_self=False):
        if not widget.display or any(not ancestor.display for ancestor in widget.ancestors_with_self):
            continue
        if isinstance(widget, Para) and widget.text.strip():
            parts.append(widget.text.strip())
        elif isinstance(widget, BigButton) and widget.has_class("choice"):
            parts.append(widget.label.strip())
    return "\n".join(parts)


class ListenButton(BigButton):
    def __init__(self, app, target: str, *, id: str = "listen") -> None:
        super().__init__("🔊 " + app._(LISTEN), id=id, classes="nav")
        self.target = target

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        if event.button is not self:
            return
        event.stop()
        speaker = speaker_of(self.app)
        if getattr(speaker, "playing", False):
            speaker.stop()
            return
        found = self.screen.query(self.target)
        if found:
            speaker.say(visible_text(found.first()), self.app.lang)

    def on_unmount(self) -> None:
        speaker_of(self.app).stop()
