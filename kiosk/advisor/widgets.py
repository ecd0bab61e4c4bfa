"""Form widgets for the advisor: a labelled one-line field with its error
right under it, and one block per person. Styles: advisor.tcss."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from kiosk.advisor.form import ACTIVITIES, INCOME_LABELS, NATIONALITIES, NOT_ASKED, ROLES, SCHOOLS, YES_NO, FieldRef
from kiosk.widgets.scrollarea import ScrollArea


def options(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(label, value) for value, label in pairs]


class Pane(ScrollArea, can_focus=True):
    """The form, what changes, the explanations: the kiosk's scrolling area
    (each page key held down scrolls a page at once, where Textual's
    animated scroll went less than a page per press), taking the focus as
    Textual's does (F7 brings the explanations' keys)."""


class WidthChanged(Message):
    """The side or the explanations' text have a new width (the terminal
    resized, a scrollbar shown, or shown again on a narrow terminal): the
    comparison's columns are cut to fit it, the explanations' lines wrap
    again."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget


class SaysItsWidth:
    """Posts WidthChanged when its width changes, hidden then shown again
    included (a hidden widget's size is 0, and no Resize says so)."""

    known_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self.known_width:
            self.known_width = event.size.width
            self.post_message(WidthChanged(self))  # type: ignore[attr-defined,arg-type]

    def on_hide(self) -> None:
        self.known_width = 0


class Side(SaysItsWidth, Vertical):
    """The comparison, what changes and the explanations."""


class ExplanationText(SaysItsWidth, Static):
    """The explanations' text, whose lines wrap at its width."""


class FieldRow(Vertical):
    """Label and control on one line; the error (or a warning) on the line
    below, shown only when there is one."""

    def __init__(self, label: str, control: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.control = control
        self.error = Static("", classes="field-error", markup=False)
        self.error.display = False
        self._error_text = ""

    @property
    def error_text(self) -> str:
        return self._error_text

    def show_error(self, message: str) -> None:
        # Only when it changes: every layout lays the whole form out again.
        if message == self._error_text:
            return
        shown = bool(self._error_text)
        self._error_text = message
        text = f"↳ {message}" if message else ""
        error = self.error
        width, height = error.content_size.width, error.content_size.height
        if shown and message and width:
            # A message replaced by another as a value is typed (« 14/0 »
            # n'est pas une date…, at each key of a date): laid out again
            # only when its number of lines changes.
            error.update(text, layout=False)
            if error.get_content_height(error.size, self.app.size, width) != height:
                error.refresh(layout=True)
            return
        error.update(text)
        error.display = bool(message)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(self.label, classes="field-label")
            yield self.control
        yield self.error


class FieldInput(Input):
    """An Input whose editing keys (backspace, home, ctrl+k…) act in the
    order they were typed. Textual runs a widget's key bindings only once the
    key has gone through the widget and come back up to the app, while the
    characters typed next go straight into the field: in a fast burst
    "15", backspace, "0" gave "15" and home, ctrl+k, "1500" an empty field.

    Its virtual size (the length of the text, which bounds its own
    horizontal scrolling) changes with every key; Textual's Input then asks
    for a layout of the whole screen (~350 widgets), though the field keeps
    its fixed size. The scrolling reads the new size at once without it."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    EDITING_KEYS: dict[str, str] = {
        key.strip(): binding.action
        for binding in Input.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }

    async def on_key(self, event: events.Key) -> None:
        action = self.EDITING_KEYS.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)


#: The footer's keys, most needed first: those that do not fit whole on the
#: line are left out, from the end (F1, first, lists them all).
FOOTER_ORDER = (
    "help",
    "explanations",  # on a narrow terminal, the only way to see the results
    "new_person",
    "next_person",
    "duplicate",
    "next_scenario",
    "print",
    "new_appointment",
    "presets",
    "export",
    "import_file",
    "quit",
)


class KeysFooter(Footer):
    """The footer of the form's keys, drawn again only when the keys it
    shows change: Textual's redraws it on every focus change (its dozen
    keys restyled and laid out, ~60 ms), though the form's fields add none,
    and moved "ctrl+d" first or not as the focus entered or left a text
    field (an Input has a ctrl+d of its own, which the app's overrides).

    Its keys come in the order of FOOTER_ORDER, and only those that fit
    whole in its width: Textual's cut the line at the screen's edge
    ("f7 Explicatio" at 120 columns, and the keys after it never seen)."""

    _shown: frozenset | None = None
    _width = 0

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        rank = {action: index for index, action in enumerate(FOOTER_ORDER)}
        keys.sort(key=lambda key: rank.get(getattr(key, "action", ""), len(rank)))
        if not keys:  # the bindings are not known yet
            return
        self._width = width = self.size.width or self.screen.size.width
        used = 0
        for key in keys:
            # "f1 Aide": key, space, description, then a space before the next.
            needed = cell_len(f"{getattr(key, 'key_display', '')} {getattr(key, 'description', '')}")
            if used + needed > width:
                break
            used += needed + 1
            yield key

    async def on_resize(self, event: events.Resize) -> None:
        if self._width and event.size.width != self._width:
            await self.recompose()

    def bindings_changed(self, screen: Screen) -> None:
        shown = frozenset(
            (binding.key, binding.description, enabled)
            for _node, binding, enabled, _tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self.children:
            return
        if screen.app.app_focus:  # else Textual's leaves it as it is
            self._shown = shown
        super().bindings_changed(screen)


def field_input(ref: FieldRef, value: str, *, id: str, placeholder: str = "") -> Input:
    widget = FieldInput(value=value, placeholder=placeholder, id=id, compact=True)
    widget.field = ref  # type: ignore[attr-defined]
    return widget


def field_select(
    ref: FieldRef,
    pairs: list[tuple[str, str]],
    value: str | None,
    *,
    id: str,
    blank: bool = True,
    prompt: str = "—",
) -> Select:
    widget = Select(
        options(pairs),
        value=value if value is not None else Select.NULL,
        allow_blank=blank,
        id=id,
        prompt=prompt,
        compact=True,
    )
    widget.field = ref  # type: ignore[attr-defined]
    return widget


class TickBox(Checkbox):
    """A checkbox whose mark says its state in the text itself: Textual's
    draws "X" ticked or not and tells them apart by colour alone, which a
    compact style, a monochrome terminal or a screen reader loses."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


def field_checkbox(ref: FieldRef, label: str, value: bool, *, id: str) -> Checkbox:
    widget = TickBox(label, value=value, id=id, compact=True)
    widget.field = ref  # type: ignore[attr-defined]
    return widget


class PersonBlock(Vertical):
    """Every field of one person. `uid` is stable while the block lives;
    the person is found in the form by `person_id`."""

    def __init__(self, uid: int, person: dict, number: int, title: str) -> None:
        super().__init__(id=f"person-{uid}", classes="person")
        self.uid = uid
        self.person_id = person["id"]
        self.person = person
        self.number = number
        self.title = title

    def wid(self, name: str) -> str:
        return f"p{self.uid}-{name.replace('.', '-')}"

    def retitle(self, person: dict, number: int, title: str) -> None:
        """The same person's fields, for another scenario (a place, a name)."""
        self.person, self.number, self.title = person, number, title
        self.query_one(".person-title", Static).update(self._title_text())

    def _title_text(self) -> str:
        return f"Personne {self.number} — {self.title}"

    def compose(self) -> ComposeResult:
        p = self.person
        ref = lambda name: FieldRef(name, self.person_id)  # noqa: E731
        yield Static(self._title_text(), classes="person-title", markup=False)
        yield FieldRow(
            "Prénom ou initiale",
            field_input(ref("name"), p.get("name", ""), id=self.wid("name"), placeholder="facultatif"),
        )
        yield FieldRow("Rôle", field_select(ref("role"), ROLES, p["role"], id=self.wid("role"), blank=False))
        yield FieldRow(
            "Date de naissance",
            field_input(ref("birth_date"), p["birth_date"], id=self.wid("birth_date"), placeholder="JJ/MM/AAAA"),
        )
        yield FieldRow("Activité", field_select(ref("activity"), ACTIVITIES, p["activity"], id=self.wid("activity")))
        yield FieldRow(
            "Nationalité",
            field_select(
                ref("nationality"),
                NATIONALITIES,
                p.get("nationality"),
                id=self.wid("nationality"),
                prompt="non demandée",
            ),
        )
        yield FieldRow(
            "Titre de séjour (ans)",
            field_input(
                ref("residence_permit_years"), p["residence_permit_years"], id=self.wid("residence_permit_years")
            ),
        )
        yield FieldRow("Scolarité", field_select(ref("school"), SCHOOLS, p["school"], id=self.wid("school")))
        yield FieldRow(
            "Taux d'incapacité (%)",
            field_input(
                ref("disability_rate"), p["disability_rate"], id=self.wid("disability_rate"), placeholder="0-100"
            ),
        )
        yield FieldRow(
            "Grossesse en cours", field_checkbox(ref("pregnant"), "Oui", p["pregnant"], id=self.wid("pregnant"))
        )
        if p["role"] != "child":
            # Asked of adults only: the ASS and the AAH are theirs.
            yield FieldRow(
                "ASS : 5 ans travail/10",
                field_select(
                    ref("worked_five_of_last_ten_years"),
                    YES_NO,
                    p.get("worked_five_of_last_ten_years"),
                    id=self.wid("worked_five_of_last_ten_years"),
                    prompt=NOT_ASKED,
                ),
            )
            yield Static(
                "5 ans de travail sur les 10 dernières années (ASS)", classes="field-help", id=self.wid("ass-help")
            )
            yield FieldRow(
                "RSDAE (MDPH)",
                field_select(ref("rsdae"), YES_NO, p.get("rsdae"), id=self.wid("rsdae"), prompt=NOT_ASKED),
            )
            yield Static("RSDAE reconnue par la MDPH (AAH à 50-79 %)", classes="field-help", id=self.wid("rsdae-help"))
        yield Static("Revenus nets par mois", classes="subtitle")
        for kind, label in INCOME_LABELS:
            yield FieldRow(
                label,
                field_input(ref(f"income.{kind}"), p[f"income.{kind}"], id=self.wid(f"income.{kind}"), placeholder="€"),
            )
        yield Button("Retirer cette personne (ctrl+r)", id=self.wid("remove"), classes="remove-person", compact=True)


class ReceivedRow(FieldRow):
    """A benefit already received: ticked, and its amount, on one line."""

    def __init__(self, checkbox: Checkbox, control: Input, **kwargs: Any) -> None:
        super().__init__("", control, **kwargs)
        self.checkbox = checkbox

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line received-row"):
            yield self.checkbox
            yield self.control
        yield self.error
