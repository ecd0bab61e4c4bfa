"""What every kiosk screen shares: the header (site name, language button)
and the navigation row ("Back", "Start again", "Help")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from kiosk.widgets import BigButton, Para, back_arrow, in_reading_order, reading_order
from kiosk.widgets.direction import ARROW_KEYS
from kiosk.widgets.scrollarea import ScrollArea

if TYPE_CHECKING:
    from kiosk.app import KioskApp


def handled(event) -> None:
    """This handler dealt with the message: no parent and no base class
    handler (Textual calls those of every class in the MRO) sees it again."""
    event.stop()
    event.prevent_default()


def focus(screen, selector: str, *, scroll_visible: bool = True) -> None:
    """Focus the first widget matching `selector`, if it is still there: a
    screen can be closed (a double tap, the idle timeout) while it mounts."""
    found = screen.query(selector)
    if found:
        found.first().focus(scroll_visible=scroll_visible)


#: The bindings of a screen to read (results, procedures): Up and Down
#: scroll its text from anywhere on the screen, as long as it can scroll.
READING_KEYS = [
    Binding("up", "scroll_area('up')", show=False),
    Binding("down", "scroll_area('down')", show=False),
]


def size_classes(size: int, breakpoints: list[tuple[int, str]]) -> dict[str, bool]:
    """Which classes of `breakpoints` ((from size, class)) apply at `size`:
    the one of the largest breakpoint not above it."""
    reached = [(start, name) for start, name in breakpoints if size >= start]
    chosen = max(reached)[1] if reached else None
    return {name: name == chosen for _, name in breakpoints}


class SiteName(Para):
    """The site name in the header; five quick taps open the staff screen."""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.app.staff_tap()


class _ReadingFocus:
    """Tab and the arrows go through the buttons in reading order (right to
    left in Arabic, Dari and Pashto), then in the order `arrange_focus` says.
    A scrolling area is never a stop: it draws no focus mark (its keys still
    work from the buttons inside it, see `kiosk.widgets.scrollarea`)."""

    @property
    def focus_chain(self) -> list[Widget]:
        chain = super().focus_chain  # type: ignore[misc]
        chain = [widget for widget in chain if not isinstance(widget, ScrollableContainer)]
        return self.arrange_focus(reading_order(chain, self.app.rtl))  # type: ignore[attr-defined]

    def arrange_focus(self, chain: list[Widget]) -> list[Widget]:
        return chain

    # A button draws its marks only on the screen in use: under a dialog,
    # the screen's focused button is drawn again without them (one mark).
    def on_screen_suspend(self) -> None:
        self._redraw_focused()

    def on_screen_resume(self) -> None:
        self._redraw_focused()

    def _redraw_focused(self) -> None:
        focused = self.focused  # type: ignore[attr-defined]
        if isinstance(focused, BigButton):
            focused.redraw_marks()
        elif focused is not None:
            focused.refresh(layout=True)


class _OneLayoutAtASize:
    """A screen laid out at a size is not laid out again at that same size.

    Textual sends a screen a Resize after its own first layout, at the size
    it was just laid out at, and its handler lays the whole screen out and
    draws it again (one layout in three or four of a new screen). A Resize to
    another size (the terminal's) goes on as usual; the size classes of a
    screen shown again are set as it resumes (`apply_breakpoints`)."""

    def on_resize(self, event: events.Resize) -> None:
        # `outer_size`, the size laid out at: a screen's `size` is already
        # the terminal's new size when the terminal's Resize comes.
        if event.size == self.outer_size:  # type: ignore[attr-defined]
            event.prevent_default()


class _StyledOnceAtMount:
    """A screen shown for the first time is not styled a second time.

    Its widgets are styled as they mount; Textual then styled the whole
    screen again as it came on top (`ScreenResume.refresh_styles`), for
    nothing. A screen that comes back on top later (a dialog closed over
    it) is styled again as Textual decides."""

    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False


class KioskScreen(_ReadingFocus, _OneLayoutAtASize, _StyledOnceAtMount, Screen):
    """A journey screen. Subclasses yield their body from `body()`."""

    # The page keys scroll the screen's area (results, a long question) from
    # anywhere on the screen; inside the area its own bindings do the same.
    BINDINGS = [
        Binding("pageup", "scroll_area('page_up')", show=False),
        Binding("pagedown", "scroll_area('page_down')", show=False),
        Binding("home", "scroll_area('home')", show=False),
        Binding("end", "scroll_area('end')", show=False),
    ]

    #: Show "Back" and "Start again" (not on the language and goodbye screens).
    NAVIGATION = True
    #: Show the "Help" button (the question screen has help text).
    HELP = False
    # Screens under 32 rows (80×24, 100×30) get the compact layout of
    # kiosk.tcss (`-short`): lower header and navigation, no blank rows.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    app: KioskApp

    def _(self, msgid: str, /, **values: object) -> str:
        return self.app._(msgid, **values)

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield SiteName(self.app.config.site_name, lang="fr", id="site-name")
            yield from self.header_extra()
            yield BigButton(self.language_label(), value="language", id="change-language", classes="nav")
        yield from self.body()
        if self.NAVIGATION:
            buttons = [
                BigButton(back_arrow(self.app.lang) + " " + self._("Retour"), id="back", classes="nav"),
                BigButton(self._("Recommencer"), id="restart", classes="nav"),
            ]
            if self.HELP:
                buttons.append(BigButton("? " + self._("Aide"), id="help", classes="nav"))
            buttons.extend(self.navigation_extra())
            with Horizontal(id="navigation"):
                # "Back" on the side a line starts from, "Next" where it ends.
                yield from in_reading_order(buttons, self.app.lang)

    def on_compose(self) -> None:
        # Before the widgets are composed and mounted: each is styled once,
        # with the size classes; set after mounting, they restyled the whole
        # screen (a fifth of the CPU time of showing a question).
        self.apply_breakpoints()

    def on_screen_resume(self) -> None:
        self.apply_breakpoints()

    def apply_breakpoints(self) -> None:
        """The size classes (`-short`…) now: Textual sets them on a Resize
        event only, which a screen switched in may not get before it is drawn.
        With them `-rtl` in Arabic, Dari and Pashto, for what kiosk.tcss
        mirrors (a bullet's indent is on the side the line starts from)."""
        width, height = self.app.size
        self.update_classes(
            {
                **size_classes(width, self.HORIZONTAL_BREAKPOINTS),
                **size_classes(height, self.VERTICAL_BREAKPOINTS),
                "-rtl": self.app.rtl,
            }
        )

    def language_label(self) -> str:
        from locales import LANGUAGES

        label = self._("Langue")
        own = LANGUAGES.get(self.app.lang, self.app.lang)
        return f"{label} · Language · {own}" if label != "Language" else f"Language · {own}"

    def header_extra(self) -> ComposeResult:
        return iter(())

    def body(self) -> ComposeResult:
        return iter(())

    def navigation_extra(self) -> ComposeResult:
        return iter(())

    async def relabel(self) -> None:
        """Redraw in the new language (answers live in the session, not here)."""
        # -rtl follows the language; set first, the new widgets are styled once.
        self.apply_breakpoints()
        await self.recompose()
        self.after_relabel()

    def after_relabel(self) -> None:
        pass

    def close_over(self) -> None:
        """Back to the screen this one was opened over (the hand-over code, the
        take-away code), once. A double tap or a held key reaches this screen
        again after it began to close: popping then removed the journey's
        screen under it, and the kiosk was left on Textual's empty screen."""
        if self.is_active and len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def action_scroll_area(self, how: str) -> None:
        """Scroll the screen's area (`up`, `down`, `page_up`, `page_down`,
        `home`, `end`); a key it cannot use goes on to the app's bindings."""
        areas = self.query(ScrollArea)
        if not areas:
            raise SkipAction()
        areas.first().scroll_by_key(how)

    # Navigation shared by all journey screens.
    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        button_id = event.button.id
        if button_id == "change-language":
            handled(event)
            from kiosk.screens.language import LanguagePicker

            self.app.push_screen(LanguagePicker())
        elif button_id == "restart":
            handled(event)
            from kiosk.screens.confirm import ConfirmRestart

            self.app.push_screen(ConfirmRestart())
        elif button_id == "back":
            handled(event)
            self.go_back()

    def go_back(self) -> None:
        session = self.app.session
        if session is None:
            self.app.erase()
            return
        if self.app.screening is None and not session.is_complete and session.progress[0] == 0:
            # Back from the first question: the language screen, answers kept empty.
            self.app.erase()
            return
        self.app.screening = None
        session.back()
        self.app.show_current()


class KioskModal(_ReadingFocus, _OneLayoutAtASize, _StyledOnceAtMount, ModalScreen):
    """A dialog over a journey screen (language picker, idle prompt, staff)."""

    app: KioskApp
    VERTICAL_BREAKPOINTS = KioskScreen.VERTICAL_BREAKPOINTS
    BINDINGS = ARROW_KEYS  # as on the screens

    _dismissed = False

    def dismiss(self, result=None) -> AwaitComplete:
        """Close the dialog, once. A held key or a double tap reaches the
        dialog again after it began to close; Textual's `dismiss` would then
        pop whatever screen is on top (the journey's own, then an empty stack)."""
        if self._dismissed or not self.is_active:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)

    def _(self, msgid: str, /, **values: object) -> str:
        return self.app._(msgid, **values)

    async def relabel(self) -> None:
        await self.recompose()
