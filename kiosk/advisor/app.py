"""The advisor mode: one keyboard-first form for a trained social worker,
live screening, up to six scenarios side by side, explanations, JSON
import/export and a printable summary.

Nothing is stored: the scenarios live in this process until it ends, unless
the worker exports or saves a file (the screen says so). The screens are
for staff and are in French; only the PDF summary is translated.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import inspect
import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, Input, Select, Static

from eligibility.catalog import benefits as catalog_benefits
from eligibility.screening import Screening, Status
from kiosk.advisor import form as forms
from kiosk.advisor.collector import IDLE_SECONDS, Collector
from kiosk.advisor.compare import comparison_rows, describe_changes, person_summary, short_label
from kiosk.advisor.explain import explain, explain_to_check, where_lines
from kiosk.advisor.form import HOUSING, FieldRef
from kiosk.advisor.process import ScreeningProcess, ScreeningProcessLost
from kiosk.advisor.scheduler import ScreeningCache, ScreeningScheduler
from kiosk.advisor.widgets import (
    ExplanationText,
    FieldRow,
    KeysFooter,
    Pane,
    PersonBlock,
    ReceivedRow,
    Side,
    WidthChanged,
    field_checkbox,
    field_input,
    field_select,
)
from kiosk.app import (
    ERROR_WINDOW,
    LeavesBlank,
    RecentErrors,
    describe_error,
    handle_stop_signals,
    release_stop_signals,
)
from locales import LANGUAGES

MAX_SCENARIOS = 6
#: Narrower than this (columns), or shorter (rows), parts of the screen are
#: shown in turn (AdvisorApp._show_view).
NARROW_BELOW = 100
SHORT_BELOW = 36
MAX_PEOPLE = 20
# A screening process that died this many times is not forked again.
PROCESS_STARTS = 3
IMPORT_TIMEOUT = 10  # seconds: a file that does not answer by then is given up
ALL_PEOPLE = "*"
#: Errors go to the kiosk's log (`python -m kiosk` sets where), never to the screen.
log = logging.getLogger("kiosk.advisor")
#: `python -m kiosk --advisor` says this when the app stopped on errors (exit code 3).
STOPPED_ON_ERRORS = (
    "L'application s'est arrêtée après une erreur inattendue. La situation a été effacée ; "
    "rien n'a été enregistré ni envoyé. Relancez-la."
)
SCREENING_FAILED = (
    "⚠ Le calcul a échoué (erreur inattendue, notée dans le journal des erreurs) : les résultats "
    "ne sont pas à jour. Modifiez une valeur pour relancer le calcul."
)
UNEXPECTED_ERROR = (
    "Une erreur inattendue s'est produite. Par précaution, la situation en cours a été effacée ; "
    "rien n'a été enregistré ni envoyé. Saisissez-la à nouveau, ou importez-la (ctrl+o) si vous l'aviez exportée."
)
PRIVACY = (
    "Rien n'est enregistré : la situation reste dans cette fenêtre jusqu'à sa fermeture, "
    "sauf si vous exportez un fichier (ctrl+s) ou enregistrez le résumé (ctrl+p)."
)
# The rules expect the rent without charges.
RENT_HELP = "Sans les charges (eau, chauffage, entretien). Avant déduction de l'aide au logement."
SINGLE_PARENT_HELP = (
    "Parent seul : mois depuis la séparation, le veuvage ou la naissance (RSA et prime d'activité majorés). "
    "Vide : non demandé."
)


def calm(handler: Any) -> Any:
    """For a handler of messages the app itself receives (a field changed,
    a button pressed), and a screening's results handed over by its thread:
    an error in it goes to AdvisorApp.recover. Textual would stop the app's
    message loop at the first, and the app with it; the thread would drop
    the second unseen. (Keys and clicks come as events: AdvisorApp.on_event.)"""
    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def guarded_async(self: AdvisorApp, *args: Any) -> Any:
            try:
                return await handler(self, *args)
            except Exception as error:
                self.recover(error)

        return guarded_async

    @functools.wraps(handler)
    def guarded(self: AdvisorApp, *args: Any) -> Any:
        try:
            return handler(self, *args)
        except Exception as error:
            self.recover(error)

    return guarded


@dataclass
class Scenario:
    name: str
    form: dict
    # The last parse of the form (errors, missing fields), and the key it
    # was made from: a form with errors is not screened.
    parsed: forms.ParsedForm | None = None
    checked_key: str | None = None
    # The last good screening, the key, household and names it was made
    # from: kept on screen while the form has errors.
    screening: Screening | None = None
    screened_key: str | None = None
    household: Any = None
    names: dict = field(default_factory=dict)
    # Questions an unfinished kiosk session never reached: their fields
    # default to nothing (no income, no partner…), so the results may be too
    # hopeful until the worker has asked them. Kept on screen, not only notified.
    not_asked: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return json.dumps(self.form, sort_keys=True)

    @property
    def fresh(self) -> bool:
        """Are the results on show those of the form as it is?"""
        return self.screening is not None and self.screened_key == self.key

    @property
    def errors(self) -> dict:
        return self.parsed.errors if self.parsed is not None and self.checked_key == self.key else {}


class AdvisorApp(LeavesBlank, App):
    TITLE = "Accès aux droits — conseiller"
    ENABLE_COMMAND_PALETTE = False
    CSS_PATH = "advisor.tcss"

    #: Under 100 columns the form, the comparison and the explanations are
    #: shown in turn; under 36 rows, the comparison and the explanations
    #: (_show_view; the sizes they take: advisor.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]

    BINDINGS = [
        # Tab moves the focus at once, in the order keys come: otherwise it
        # goes through the field first, and the keys typed right after it
        # (a fast typist, a paste of "Karim<Tab>14/03/1985") land in the field left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
        Binding("ctrl+n", "new_person", "Personne +", priority=True),
        Binding("ctrl+r", "remove_person", "Retirer", show=False, priority=True),
        Binding("f4", "next_person", "Personne suivante", priority=True),
        Binding("shift+f4", "previous_person", show=False, priority=True),
        Binding("ctrl+d", "duplicate", "Dupliquer", priority=True),
        Binding("f6", "next_scenario", "Scénario suivant", priority=True),
        Binding("shift+f6", "previous_scenario", show=False, priority=True),
        Binding("f2", "rename", "Renommer", show=False, priority=True),
        Binding("f3", "presets", "Changements types", priority=True),
        # F7 goes from the form to the results, the explanations, then the
        # form again. One name for the three: a name changed with the focus
        # had the footer made again, 0.1 s of CPU more for each F7.
        Binding("f7", "explanations", "Résultats", priority=True),
        Binding("f8", "delete_scenario", show=False, priority=True),
        Binding("ctrl+p", "print", "Imprimer", priority=True),
        Binding("ctrl+s", "export", "Exporter", priority=True),
        Binding("ctrl+o", "import_file", "Importer", priority=True),
        Binding("f9", "new_appointment", "Nouveau RDV", priority=True),
        Binding("f1", "help", "Aide", priority=True),
        Binding("ctrl+q", "quit", "Quitter", priority=True),
    ]

    def __init__(
        self,
        config: Any = None,
        *,
        engine: Any = None,
        printer: str | None | bool = False,
        screening_process: bool = True,
    ) -> None:
        super().__init__()
        self.config = config
        self._engine = engine
        # Screenings in a forked process once the rules are warm (see
        # kiosk/advisor/process.py); False: in a thread of this process.
        self._process_wanted = screening_process and hasattr(os, "fork")
        self.process: ScreeningProcess | None = None
        self._uid = 0
        self.scheduler = ScreeningScheduler()
        self._gc_frozen = False
        self.collector = Collector()
        self._idle_timer: Any = None
        self._redraw_pending = False
        self._forget_widgets()
        self._forget_person()  # the scenarios, and what is drawn of them
        # Unexpected errors lately (recover), and whether starting again is on its way.
        self.errors = RecentErrors()
        self._start_again_pending = False
        # printer=False: from the configuration ([advisor] printer, else
        # `lpstat -d`) on first print; None: no printer; a name: that queue.
        self._printer = printer
        # For tests and the benchmark: time of the last results painted on
        # screen, and an event set at that moment.
        self.refreshed_at = 0.0
        self.refresh_count = 0
        self.results_painted = asyncio.Event()

    # ---------------------------------------------------------------- state
    FORM_ACTIONS = {
        "new_person",
        "remove_person",
        "next_person",
        "previous_person",
        "duplicate",
        "next_scenario",
        "previous_scenario",
        "rename",
        "presets",
        "explanations",
        "delete_scenario",
        "print",
        "export",
        "import_file",
        "new_appointment",
        "help",
    }

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A widget not in the DOM yet is styled when it mounts. Textual styled
        # it at once as well when its constructor set a class (`compact=True`
        # on every field): most of the CPU of building the form's fields.
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate=animate)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        # Read from the focus itself: these messages climb from the widget
        # to the app, and a burst of F7 brought them out of order.
        focused = self.focused
        side = self._one("#side")
        if focused is None or side is None or focused.screen is not side.screen:
            return  # a dialog: what is under it stays as it was
        if focused.id == "explanations":
            self._view = "explanations"
        elif side in focused.ancestors:
            self._view = "comparison"
        else:
            self._view = "form"
            self._form_focus = focused.id  # where F7 comes back to (an id: nothing typed)
        self._show_view()

    def _one(self, selector: str) -> Any:
        """The widget `selector` (an id) names, or None while the app closes.
        (Textual finds a widget by its id at once; `query` walks the form.)"""
        try:
            return self.query_one(selector)
        except NoMatches:
            return None

    def on_resize(self, event: events.Resize) -> None:
        self._show_view(event.size)  # (the app's size is the old one still)

    def _show_view(self, size: Size | None = None) -> None:
        """Narrow, only one of the form, the comparison and the explanations
        is shown; short, the comparison or the explanations beside the form:
        the one the focus is in (F7, a new person, a field's error moved
        to). Shown and hidden one by one, not by a class on their container:
        Textual would style its 350 widgets again."""
        width, height = size or self.size
        narrow, short = width < NARROW_BELOW, height < SHORT_BELOW
        view = self._view
        one_by_one = narrow or short
        shown = {
            "#form": not narrow or view == "form",
            "#side": not narrow or view != "form",
            "#comparison": not one_by_one or view != "explanations",
            "#status-line": not one_by_one or view != "explanations",
            "#changes": not one_by_one or view != "explanations",
            "#explanations": not one_by_one or view == "explanations",
            "#form-status": narrow and view == "form",
        }
        for selector, display in shown.items():
            widget = self._one(selector)
            if widget is not None and widget.display != display:
                widget.display = display

    def notify(self, message: str, *, markup: bool = False, **kwargs: Any) -> None:
        # Messages echo what was typed or read (a path, a salary, a printer's
        # error): plain text, never Textual markup ("[/]" raised an error,
        # "[@click=…]" made a link that ran an action).
        super().notify(message, markup=markup, **kwargs)

    def on_app_blur(self, event: events.AppBlur) -> None:
        # Textual takes the focus away on a blur, and its browser driver
        # (`kiosk serve --advisor`) starts blurred: the form showed no focused
        # field until a key or a click. The focus stays where it is, as in the kiosk.
        event.prevent_default()

    @calm
    def on_width_changed(self, event: WidthChanged) -> None:
        if event.widget.id == "side" and self._table_shape is not None:
            self._show_comparison()
        elif event.widget.id == "explain-text" and self._view != "form":
            # Wrapped again while the worker is on the comparison or the
            # explanations (or shown only now, on a narrow terminal).
            self._show_explanation_under_cursor()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The form's shortcuts are off while a dialog is open.
        if action in self.FORM_ACTIONS and isinstance(self.screen, ModalScreen):
            return False
        return True

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from eligibility.engine import default_engine

            self._engine = default_engine()
        return self._engine

    @property
    def scenario(self) -> Scenario:
        return self.scenarios[self.current]

    @property
    def form(self) -> dict:
        return self.scenario.form

    @property
    def up_to_date(self) -> bool:
        """Every scenario handled (screened, or found with errors) and shown."""
        return all(s.checked_key == s.key for s in self.scenarios) and self.scheduler.up_to_date

    # --------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Static("", id="tabs", markup=False)
        with Horizontal(id="main"):
            with Pane(id="form"):
                yield from self._form_widgets()
            with Side(id="side"):
                yield DataTable(id="comparison", zebra_stripes=True, cursor_type="row")
                yield Static("", id="status-line", markup=False)
                with Pane(id="changes"):
                    yield Static("", id="changes-text", markup=False)
                with Pane(id="explanations"):
                    yield ExplanationText("", id="explain-text", markup=False)
        # The status's first line under the form, when the form alone is shown.
        yield Static("", id="form-status", markup=False)
        yield Static(PRIVACY, id="privacy")
        yield KeysFooter()

    def _form_widgets(self) -> ComposeResult:
        f = self.form
        yield Static("Étude", classes="section-title")
        yield FieldRow("Mois étudié", field_input(FieldRef("month"), f["month"], id="f-month", placeholder="MM/AAAA"))
        lang = Select(
            [(name, code) for code, name in LANGUAGES.items()],
            value=self.person_lang,
            allow_blank=False,
            id="f-lang",
            compact=True,
        )
        yield FieldRow("Langue du résumé", lang)
        yield Static("Personnes du foyer", classes="section-title")
        yield Static("", id="people-summary", markup=False)
        yield Static("", id="people-error", markup=False)
        yield FieldRow(
            "Fiche affichée (F4)",
            Select(self._person_options(), value=self._shown(), allow_blank=False, id="f-person", compact=True),
        )
        yield Vertical(*self._person_blocks(), id="people")
        yield Button("Ajouter une personne (ctrl+n)", id="add-person", compact=True, classes="form-button")
        yield FieldRow(
            "Parent seul depuis",
            field_input(
                FieldRef("single_parent_months"),
                f.get("single_parent_months", ""),
                id="f-single-parent-months",
                placeholder="mois (vide : non demandé)",
            ),
        )
        yield Static(SINGLE_PARENT_HELP, classes="field-help")
        yield Static("Logement", classes="section-title")
        yield FieldRow(
            "Situation de logement",
            field_select(FieldRef("housing.status"), HOUSING, f["housing.status"], id="f-housing-status"),
        )
        yield FieldRow(
            "Loyer hors charges", field_input(FieldRef("housing.rent"), f["housing.rent"], id="f-housing-rent")
        )
        yield Static(RENT_HELP, classes="field-help")
        yield FieldRow(
            "Colocation", field_checkbox(FieldRef("housing.shared"), "Oui", f["housing.shared"], id="f-housing-shared")
        )
        yield FieldRow(
            "Commune (INSEE ou nom)",
            field_input(FieldRef("commune"), f["commune"], id="f-commune", placeholder="59350"),
        )
        yield Static("Aides déjà perçues (par mois ; par an pour les annuelles)", classes="section-title")
        for benefit_id in catalog_benefits():
            entry = f["received"].get(benefit_id, {"on": False, "amount": ""})
            label = short_label(benefit_id)
            yield ReceivedRow(
                field_checkbox(
                    FieldRef(f"received_on.{benefit_id}"), label, entry["on"], id=f"f-received-{benefit_id}-on"
                ),
                field_input(
                    FieldRef(f"received.{benefit_id}"),
                    entry["amount"],
                    id=f"f-received-{benefit_id}",
                    placeholder="montant",
                ),
            )
        yield Static("Revenu fiscal de référence", classes="section-title")
        for year in self._tax_years():
            yield FieldRow(
                f"Revenu fiscal {year}",
                field_input(FieldRef(f"taxable_income.{year}"), f["taxable_income"].get(year, ""), id=f"f-tax-{year}"),
            )

    def _tax_years(self) -> list[str]:
        try:
            month = forms.parse_month(self.form["month"])
        except forms.FieldError:
            month = None
        year = (month or forms.current_month()).year
        years = {str(year - 1), str(year - 2)} | set(self.form["taxable_income"])
        return sorted(years, reverse=True)

    # ----------------------------------------------------------------- people
    def _shown(self) -> str:
        ids = [p["id"] for p in self.form["people"]]
        if self.shown_person != ALL_PEOPLE and self.shown_person not in ids:
            self.shown_person = ids[0]
        return self.shown_person

    def _person_options(self) -> list[tuple[str, str]]:
        people = self.form["people"]
        choices = [(f"{i + 1}. {forms.person_label(self.form, i)}", p["id"]) for i, p in enumerate(people)]
        return choices + [("Toutes les personnes", ALL_PEOPLE)]

    def _person_blocks(self) -> list[PersonBlock]:
        blocks = []
        shown = self._shown()
        for number, person in enumerate(self.form["people"], start=1):
            if shown not in (ALL_PEOPLE, person["id"]):
                continue
            self._uid += 1
            blocks.append(PersonBlock(self._uid, person, number, self._person_title(number - 1)))
        return blocks

    def _person_title(self, index: int) -> str:
        person = self.form["people"][index]
        title = forms.person_label(self.form, index)
        if person.get("name"):
            title += f" ({dict(forms.ROLES)[person['role']].lower()})"
        return title

    def _form_shape(self) -> tuple:
        """What the form's fields are made from, values apart: the people
        shown (a child has fewer fields) and the tax years asked."""
        shown = self._shown()
        people = tuple((p["id"], p["role"] == "child") for p in self.form["people"] if shown in (ALL_PEOPLE, p["id"]))
        return people, tuple(self._tax_years())

    def person_widget(self, index: int, name: str) -> Any:
        """The widget of field `name` of the `index`-th person of the form;
        that person's fields are shown first if they were not (tests, scripts)."""
        person_id = self.form["people"][index]["id"]
        for block in self.query(PersonBlock):
            if block.person_id == person_id:
                return block.query_one(f"#{block.wid(name)}")
        raise LookupError(f"person {index + 1} is not shown: show_person({person_id!r}) first")

    async def show_person(self, person_id: str, focus: str | None = None) -> None:
        """Show the fields of one person (or ALL_PEOPLE); focus field `focus`."""
        self.shown_person = person_id
        await self._rebuild_people()
        if focus is not None:
            for block in self.query(PersonBlock):
                if block.person_id == person_id or person_id == ALL_PEOPLE:
                    self.set_focus(block.query_one(f"#{block.wid(focus)}"))
                    break

    async def _rebuild_people(self) -> None:
        focused = getattr(self.focused, "field", None) if self.focused is not None else None
        people = self.query_one("#people", Vertical)
        self._rebuilding = True
        try:
            await self._replace_children(people, self._person_blocks())
            self._shape = self._form_shape()
            picker = self.query_one("#f-person", Select)
            with self.prevent(Select.Changed):
                picker.set_options(self._person_options())
                picker.value = self._shown()
        finally:
            self._rebuilt()
        self._show_people()
        self._show_errors()
        if focused is not None and focused.person is not None:
            # The same field (a role just changed) when it is still shown.
            for widget in self.query("#people Input, #people Select, #people Checkbox"):
                if getattr(widget, "field", None) == focused:
                    self.set_focus(widget)
                    break

    def _show_people(self) -> None:
        """One line per person, with a mark on those whose fields have errors."""
        parsed = self._parsed()
        lines = []
        for index, person in enumerate(self.form["people"]):
            wrong = [k for k in parsed.errors if k.startswith(f"people[{index}].")]
            mark = "▶" if person["id"] == self.shown_person else " "
            line = f"{mark}{index + 1}. {person_summary(self.form, index)}"
            if wrong:
                count = (f"⚠ {len(wrong)} erreur{'s' if len(wrong) > 1 else ''}", "bold red")
                lines.append(Content.assemble(line, "  ", count))
            else:
                lines.append(Content(line))
        self._set_text("#people-summary", Content("\n").join(lines))

    @calm
    @on(Select.Changed, "#f-person")
    async def _person_picked(self, event: Select.Changed) -> None:
        if event.value != Select.NULL and event.value != self.shown_person:
            await self.show_person(str(event.value))

    async def _step_person(self, step: int) -> None:
        ids = [p["id"] for p in self.form["people"]] + [ALL_PEOPLE]
        index = ids.index(self._shown()) if self._shown() in ids else 0
        target = ids[(index + step) % len(ids)]
        await self.show_person(target, focus="name")

    async def action_next_person(self) -> None:
        await self._step_person(1)

    async def action_previous_person(self) -> None:
        await self._step_person(-1)

    def default_role(self) -> str:
        """The role a new person most likely has: the applicant first; a
        partner for someone alone; a child once there is a couple, or a
        parent on their own."""
        roles = [p["role"] for p in self.form["people"]]
        if "applicant" not in roles:
            return "applicant"
        if "partner" in roles or "child" in roles:
            return "child"
        return "partner"

    def action_new_person(self) -> None:
        from kiosk.advisor.dialogs import RoleDialog

        if len(self.form["people"]) >= MAX_PEOPLE:
            self.notify(f"{MAX_PEOPLE} personnes au plus.", severity="warning")
            return
        roles = [p["role"] for p in self.form["people"]]
        taken = {r for r in ("applicant", "partner") if r in roles}

        async def chosen(role: str | None) -> None:
            if role:
                await self.add_person(role)

        self.push_screen(RoleDialog(self.default_role(), taken), chosen)

    async def add_person(self, role: str) -> None:
        person = forms.empty_person(role, forms.new_person_id(self.form, role))
        self.form["people"].append(person)
        await self.show_person(person["id"], focus="name")
        self.schedule()

    async def action_remove_person(self) -> None:
        focused = self.focused
        block = next((a for a in focused.ancestors if isinstance(a, PersonBlock)), None) if focused else None
        if block is None:
            self.notify("Placez le curseur dans la fiche de la personne à retirer.", severity="warning")
            return
        await self._remove_person(block.person_id)

    async def _remove_person(self, person_id: str) -> None:
        if len(self.form["people"]) == 1:
            self.notify("Le foyer doit compter au moins une personne.", severity="warning")
            return
        self.form["people"] = [p for p in self.form["people"] if p["id"] != person_id]
        await self._rebuild_people()
        self.query_one("#f-person", Select).focus()
        self.schedule()

    # --------------------------------------------------------------- redraw
    async def _rebuild_form(self) -> None:
        """Redraw the whole form from the current scenario, keeping the focus
        on the same field when the new form has it. Fields made for the same
        shape of form (a scenario switched, duplicated, imported) are only
        given the new values: new ones cost about a CPU-second."""
        if not self._new_fields and self._shape == self._form_shape():
            self._fill_form()
            if self.focused is None:
                self.set_focus(self.query_one("#f-month", Input))
            return
        self._new_fields = False
        focused = getattr(self.focused, "field", None) if self.focused is not None else None
        focused_id = self.focused.id if self.focused is not None else None
        container = self.query_one("#form", Pane)
        if self.focused is not None and container in self.focused.ancestors:
            # Off the form first: else Textual hands the focus to the form's
            # container while its fields go, then takes it back, and each
            # time styles its ~300 widgets again (a third of a redraw's CPU).
            self.set_focus(None)
        self._rebuilding = True
        try:
            await self._replace_children(container, list(self._form_widgets()))
            self._shape = self._form_shape()
        finally:
            self._rebuilt()
        self._show_people()
        self._show_errors()
        target = None
        for widget in self.query("#form Input, #form Select, #form Checkbox"):
            if (focused is not None and getattr(widget, "field", None) == focused) or (
                focused is None and focused_id and widget.id == focused_id
            ):
                target = widget
                break
        self.set_focus(target or self.query_one("#f-month", Input))

    def _fill_form(self) -> None:
        """Show the current scenario in the fields on screen, made for a form
        of the same shape (_form_shape)."""
        form = self.form
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            for widget in self.query("#form Input, #form Select, #form Checkbox"):
                ref = getattr(widget, "field", None)
                if ref is None:  # the summary's language, the person shown: not fields
                    continue
                value = forms.get_value(form, ref)
                if isinstance(widget, Input):
                    value = value or ""
                    if widget.value != value:
                        widget.value = value
                        widget.cursor_position = len(value)  # as in a new field
                elif isinstance(widget, Select):
                    widget.value = value if value is not None else Select.NULL
                else:
                    widget.value = bool(value)
            self.query_one("#f-lang", Select).value = self.person_lang
        index = {p["id"]: i for i, p in enumerate(form["people"])}
        for block in self.query(PersonBlock):
            number = index[block.person_id]
            block.retitle(form["people"][number], number + 1, self._person_title(number))
        self._rows = None  # a person's place in the form may differ
        self._refresh_person_names()
        self._show_errors()

    async def _replace_children(self, container: Any, widgets: list) -> None:
        """`container`'s children replaced by `widgets`, laid out once they
        are all mounted: Textual lays the screen out again at each level of
        a mount (~350 widgets each time; half of a redraw's layouts). Returns
        once they are laid out, so that the focus scrolls to a field where it is."""
        with self.batch_update():
            await container.remove_children()
            self._release_removed_inputs()
            await container.mount_all(widgets)
        container.refresh(layout=True)
        laid_out = asyncio.Event()
        if container.call_after_refresh(laid_out.set):
            await laid_out.wait()

    def _release_removed_inputs(self) -> None:
        """Let the fields just removed go, with what was typed in them.

        Textual keeps every mounted Input in its screen's text-selection
        signal until a text selection starts (`Input._on_mount` subscribes,
        nothing unsubscribes): each redraw of the form kept the previous
        fields for good. Publishing the signal drops the removed ones; the
        fields on screen only lose a selection, as when one starts."""
        self.screen.text_selection_started_signal.publish(self.screen)

    def _redraw_soon(self) -> None:
        """Redraw the form from the current scenario once the message being
        handled is done: changes in a row (a new appointment, then an
        import) redraw it once (a redraw is most of a CPU-second)."""
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_later(self._redraw)

    async def _redraw(self) -> None:
        self._redraw_pending = False
        await self._switch(self.current)

    def _rebuilt(self) -> None:
        self._rebuilding = False
        self._rows = None  # new field widgets
        if not self.scheduler.up_to_date and not self.scheduler.running:
            self.schedule()  # results that arrived meanwhile were not shown

    # ------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        self.collector.start()
        handle_stop_signals(self.exit)  # the situation goes with the process
        self._set_status("Premier calcul : chargement des règles de calcul…")
        self._show_new_form()

    def _show_new_form(self) -> None:
        """The form just composed: its tabs, people and first field."""
        self._update_tabs()
        self._show_people()
        self.query_one("#f-month", Input).focus()
        self.schedule()

    def on_unmount(self) -> None:
        release_stop_signals()
        self.collector.stop()
        if self.process is not None:
            self.process.close()

    # --------------------------------------------------------------- fields
    def _check(self, widget: Any, ref: FieldRef, value: Any) -> None:
        """Refuse an impossible value beside its field, at once."""
        row = next((a for a in widget.ancestors if isinstance(a, FieldRow)), None)
        if row is None or not isinstance(value, str):
            return
        key = forms.error_key(self.form, ref)
        try:
            forms.parse_field(key, value)
        except forms.FieldError as error:
            row.show_error(error.message("fr"))
            return
        row.show_error(forms.age_warning(value, self._month()) or "" if ref.name == "birth_date" else "")

    def _month(self):
        try:
            return forms.parse_month(self.form["month"])
        except forms.FieldError:
            return None

    @calm
    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        ref = getattr(event.input, "field", None)
        if ref is None:
            return
        forms.set_value(self.form, ref, event.value)
        self._check(event.input, ref, event.value)
        if ref.name.startswith("received."):
            box = self.query(f"#f-received-{ref.name.split('.', 1)[1]}-on")
            if box and event.value.strip():
                with self.prevent(Checkbox.Changed):
                    box.first(Checkbox).value = True
        if ref.name == "name":
            self._refresh_person_names()
        self.schedule()

    def _refresh_person_names(self) -> None:
        picker = self.query_one("#f-person", Select)
        with self.prevent(Select.Changed):
            picker.set_options(self._person_options())
            picker.value = self._shown()
        self._show_people()

    @calm
    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-lang":
            self.person_lang = event.value if event.value != Select.NULL else "fr"
            return
        ref = getattr(event.select, "field", None)
        if ref is None:
            return
        value = None if event.value == Select.NULL else event.value
        if forms.get_value(self.form, ref) == value:
            return  # a Select says "changed" when it is mounted
        forms.set_value(self.form, ref, value)
        if ref.name == "role":
            self.call_later(self._rebuild_people)
        self.schedule()

    @calm
    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        ref = getattr(event.checkbox, "field", None)
        if ref is None:
            return
        forms.set_value(self.form, ref, event.value)
        self.schedule()

    @calm
    @on(Button.Pressed, "#add-person")
    def _add_person_button(self) -> None:
        self.action_new_person()

    @calm
    @on(Button.Pressed, ".remove-person")
    async def _remove_person_button(self, event: Button.Pressed) -> None:
        block = next(a for a in event.button.ancestors if isinstance(a, PersonBlock))
        await self._remove_person(block.person_id)

    # -------------------------------------------------------------- screening
    def schedule(self) -> None:
        """Screen again after a change: at once when no screening runs (in a
        thread, typing goes on); otherwise right after the one running."""
        if self.scheduler.changed():
            # call_later: the changes of one keystroke or one paste are
            # handled before the screening starts.
            self.call_later(self._launch)

    def _launch(self) -> None:
        generation = self.scheduler.generation
        stale = [(s, s.key, forms.copy_form(s.form)) for s in self.scenarios if s.checked_key != s.key]
        if not stale:
            self.scheduler.failed()  # nothing running any more
            self._show_results(generation)
            return
        self._start_process()
        # The cache of this moment: after a new appointment, a screening of
        # the previous person still running never lands in the new one.
        cache = self.screenings
        self.run_worker(
            lambda: self._compute(generation, stale, cache), thread=True, group="screening", exit_on_error=False
        )

    def _start_process(self) -> None:
        """Fork the screening process once the rules are warm, or again if it
        died. Here, on the app's main thread with no screening running (see
        ScreeningProcess.start); a process that keeps dying is given up."""
        if not self._process_wanted or not self.engine.is_warm:
            return
        if self.process is None:
            self.process = ScreeningProcess(self.engine)
        if not self.process.alive and self.process.starts < PROCESS_STARTS:
            try:
                self.process.start()
            except OSError:  # no fork possible now (memory): in a thread
                self._process_wanted = False

    def _compute(self, generation: int, stale: list, cache: ScreeningCache) -> None:
        from eligibility.engine import ScreeningStopped
        from kiosk.advisor.screening import screen_forms
        from kiosk.app import release_worker_thread

        try:
            # The first time: builds the rules, fills their caches and takes
            # them out of the garbage collector's sight (a no-op afterwards).
            self.engine.warm_up()
            parsed = [forms.parse_form(copy) for _s, _k, copy in stale]
            # A form with errors is not screened: its last results stay, marked
            # as not up to date (a refused value is never screened as 0).
            good = [p for p in parsed if not p.errors]

            # Abandoned as soon as the form changes again: its result would
            # not be shown, and the next screening waits for this one.
            def screen(screener) -> list:
                stop = lambda: not self.scheduler.is_current(generation)  # noqa: E731
                return screen_forms(screener, good, stop=stop, cache=cache)

            process = self.process
            try:
                found = screen(process if process is not None and process.alive else self.engine)
            except ScreeningProcessLost:
                found = screen(self.engine)  # the next screening forks a new process
            done = iter(found)
            screenings = [None if p.errors else next(done) for p in parsed]
        except ScreeningStopped:
            release_worker_thread()
            self.call_from_thread(self._done)
            return
        except Exception as error:
            # Logged as any unexpected error (where, not what: its message
            # may hold a value of the form); the situation stays on screen.
            log.error("advisor: screening failed: %s", describe_error(error, "screening"))
            release_worker_thread()
            self.call_from_thread(self._failed, generation)
            return
        # Else this thread keeps the finished worker, with the forms, the
        # cache and the results, until its next job (see the function).
        release_worker_thread()
        self.call_from_thread(self._apply, generation, stale, parsed, screenings)

    @calm
    def _done(self) -> None:
        """A screening ended: start the next one if the form changed meanwhile."""
        if self.scheduler.finished(any(s.checked_key != s.key for s in self.scenarios)):
            self._launch()

    @calm
    def _failed(self, generation: int) -> None:
        self.scheduler.failed()
        if self.scheduler.is_current(generation):
            self._set_status(SCREENING_FAILED, stale=True)
        else:
            self.schedule()

    @calm
    def _apply(self, generation: int, stale: list, parsed: list, screenings: list) -> None:
        for (scenario, key, copy), p, screening in zip(stale, parsed, screenings):
            # A result is kept only for the content it was computed from:
            # a scenario changed since then waits for its own result.
            if scenario not in self.scenarios or scenario.key != key:
                continue
            scenario.parsed, scenario.checked_key = p, key
            if screening is not None:
                scenario.screening, scenario.screened_key = screening, key
                scenario.household = p.household() if p.complete else None
                scenario.names = {person["id"]: forms.person_label(copy, i) for i, person in enumerate(copy["people"])}
        try:
            if self.scheduler.is_current(generation):
                self._show_results(generation)
        finally:
            # Whatever happened on screen, the next screening must be able
            # to start: a screening flag left up would freeze the results.
            self._done()

    def _show_results(self, generation: int) -> None:
        if self._rebuilding:
            # The form is being redrawn (scenario switch, import): its fields
            # are not there to show errors beside; shown once it is back.
            return
        self.results_painted.clear()
        self._show_errors()
        self._show_comparison()
        self._show_explanations()
        self.scheduler.shown(generation)
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if not self._gc_frozen and self.engine.is_warm:
            # The app's own long-lived objects (widgets, styles: a few hundred
            # thousand) go where the rules went at warm-up (Engine.warm_up):
            # out of the collector's sight. A full collection walked them
            # every few refreshes, 110 ms each time.
            self._gc_frozen = True
            gc.collect()
            gc.freeze()
        self.refreshed_at = time.perf_counter()
        self.refresh_count += 1
        self.results_painted.set()
        # Then what the worker reads next. The people's summary lines echo
        # what was typed, often above the fields and scrolled out of view;
        # updating a widget out of view makes Textual map the whole screen
        # again (~15 ms with 15 people), so it waits for the results.
        self._show_people()
        # A full collection (~100 ms) once the worker pauses; at once only
        # when long overdue (kiosk/advisor/collector.py).
        if not self.collector.results_shown(overdue=True):
            if self._idle_timer is not None:
                self._idle_timer.stop()
            generation = self.scheduler.generation
            self._idle_timer = self.set_timer(IDLE_SECONDS, lambda: self._idle(generation))

    def _idle(self, generation: int) -> None:
        """Nothing changed since the results of `generation` were painted."""
        self._idle_timer = None
        if self.scheduler.generation == generation and self.up_to_date:
            self.collector.results_shown()

    def _parsed(self) -> forms.ParsedForm:
        scenario = self.scenario
        if scenario.parsed is not None and scenario.checked_key == scenario.key:
            return scenario.parsed
        return forms.parse_form(scenario.form)

    def _show_errors(self) -> None:
        parsed = self._parsed()
        messages = parsed.messages("fr")
        people_error = "\n".join(m for k, m in messages.items() if k == "people")
        self._set_text("#people-error", people_error)
        self.query_one("#people-error").display = bool(people_error)
        # Cross-field errors (a child too old…) found with the whole form;
        # warnings (an age of 100 or more) where there is no error.
        for key, row, ref in self._error_rows():
            text = messages.get(key, "")
            if not text and ref.name == "birth_date":
                text = forms.age_warning(forms.get_value(self.form, ref) or "", self._month()) or ""
            row.show_error(text)

    def _error_rows(self) -> list[tuple[str, FieldRow, FieldRef]]:
        """(message key, row, field) of every field shown, looked up once per
        redraw of the form: the DOM queries cost ~25 ms a refresh."""
        if self._rows is None:
            rows = []
            for row in self.query("#form FieldRow"):
                ref = getattr(row.control, "field", None)
                if ref is not None:
                    rows.append((forms.error_key(self.form, ref), row, ref))
            self._rows = rows
        return self._rows

    def _set_text(self, selector: str, text: str | Content) -> None:
        """Show `text` in the Static named by `selector`: a plain string, or
        Content where some words are styled. (What was typed goes in as
        text, never as markup: "[/]" in a salary made Textual's markup
        parser raise, and the app stopped.)

        Costs kept low because it runs after every screening: the screen is
        laid out again only when the text's height changes (a layout costs
        ~150 ms with 15 people; a status or an explanation usually keeps its
        height when an amount changes)."""
        widget = self._one(selector)
        if widget is None:
            return  # the screen is closing
        # Content compares its characters only: its styles are compared too.
        shown = (text.plain, tuple(text.spans)) if isinstance(text, Content) else text
        if getattr(widget, "shown_text", None) == shown:
            return
        widget.shown_text = shown
        height, width = widget.content_size.height, widget.content_size.width
        widget.update(text, layout=False)
        if not width or widget.get_content_height(widget.size, self.size, width) != height:
            widget.refresh(layout=True)

    def _show_comparison(self) -> None:
        table = self.query_one("#comparison", DataTable)
        ready = [(i, s) for i, s in enumerate(self.scenarios) if s.screening is not None]
        if not ready:
            table.clear(columns=True)
            self._table_shape = None
        else:
            columns, names = [], []
            for index, s in ready:
                mark = "▶" if s is self.scenario else ""
                stale = "" if s.fresh else "⚠"
                names.append(f"{index + 1}. {s.name}")
                columns.append(f"{mark}{stale}{names[-1]}")
            # Room for both marks whether shown or not: the columns do not
            # move as the marks come and go (F6, a field being typed into).
            head_width = max(map(len, names)) + 2
            rows = comparison_rows([s.screening for _i, s in ready], [s.household for _i, s in ready])
            self._fill_table(table, columns, rows, head_width)
        self._show_changes(ready)
        self._show_status()

    def _show_changes(self, ready: list) -> None:
        lines = []
        base = self.scenarios[0]
        for index, s in ready:
            if index == 0 or s.household is None or base.household is None:
                continue
            changes = describe_changes(base.household, s.household, {**base.names, **s.names})
            if changes:
                name = (f"{index + 1}. {s.name}", "bold")
                lines.append(Content.assemble(name, " (par rapport au 1) : " + " ; ".join(changes)))
        self._set_text("#changes-text", Content("\n").join(lines))

    def _show_status(self) -> None:
        scenario = self.scenario
        form = scenario.form
        errors = scenario.errors
        if errors:
            what = [f"{forms.field_words(form, k)} ({e.message('fr').rstrip('.')})" for k, e in errors.items()]
            head = "Résultats PAS À JOUR" if scenario.screening is not None else "Pas encore de résultats"
            text = f"⚠ {head} : corrigez " + " ; ".join(what) + "."
            if scenario.screening is not None:
                text += " Les montants affichés sont ceux d'avant cette saisie."
        else:
            parsed = self._parsed()
            text = "À jour." if scenario.fresh else "Calcul en cours…"
            if parsed.missing:
                text = "À compléter : " + ", ".join(forms.field_words(form, k) for k in parsed.missing)
                text += " (« ? » : dépend de ces informations)."
            if any(s.screening is not None and any(b.received for b in s.screening.benefits) for s in self.scenarios):
                text += "  * : déjà perçue."
        if scenario.not_asked:
            text += "\nSession de la borne inachevée, pas encore demandé : " + " ; ".join(scenario.not_asked)
            text += ". Les montants peuvent être trop élevés."
        self._set_status(text, stale=bool(errors))

    def _set_status(self, text: str, stale: bool = False) -> None:
        """The results' status, beside them and, on a narrow terminal where
        the form is shown alone, its first line under the form: a value
        refused there says at once that the results are not up to date."""
        for selector, shown in (("#status-line", text), ("#form-status", text.split("\n", 1)[0])):
            widget = self._one(selector)
            if widget is not None:
                widget.set_class(stale, "-stale")
                self._set_text(selector, shown)

    def _fill_table(self, table: DataTable, columns: list[str], rows: list, head_width: int) -> None:
        """Change only the cells that changed: rebuilding the table each time
        made it flicker and cost a tenth of a second. The scenarios' columns
        share the room left by the labels, up to `head_width`; their names are
        cut to fit (the tabs above show them whole)."""
        label_width = max(len(r.label) for r in rows)
        amount_width = max([len(c) for r in rows for c in r.cells] + [9])
        room = self.query_one("#side").size.width - 2 - (label_width + 2)
        # As wide as the longest name when there is room (they were cut at
        # 16 even with half the side empty), never narrower than the amounts.
        width = max(amount_width, min(head_width, room // max(1, len(columns)) - 2))
        heads = [c if len(c) <= width else c[: width - 1] + "…" for c in columns]
        shape = (tuple(heads), tuple(r.key for r in rows), width)
        if shape != self._table_shape:
            cursor = table.cursor_row
            table.clear(columns=True)
            table.add_column("Aide", key="label", width=label_width)
            for index, head in enumerate(heads):
                table.add_column(Text(head), key=f"c{index}", width=width)
            for row in rows:
                table.add_row(row.label, *(c.rjust(width) for c in row.cells), key=row.key)
            self._table_shape = shape
            if 0 <= cursor < table.row_count:
                table.move_cursor(row=cursor)
            return
        for row in rows:
            if table.get_cell(row.key, "label") != row.label:
                table.update_cell(row.key, "label", row.label)
            for index, cell in enumerate(row.cells):
                cell = cell.rjust(width)
                if table.get_cell(row.key, f"c{index}") != cell:
                    table.update_cell(row.key, f"c{index}", cell)

    def _show_explanations(self) -> None:
        screening = self.scenario.screening
        if screening is None:
            return
        order = {"eligible": 0, "unknown": 1, "not_eligible": 2}
        note = "" if self.scenario.fresh else " — ⚠ calculées avant la dernière saisie"
        head = (f"Explications — scénario {self.current + 1} : {self.scenario.name}{note}", "bold")
        lines = [Content.assemble(head, " (F7)"), Content("")]
        self._explain_lines = {}
        try:  # where to go: the places nearest to the person's commune
            commune = forms.parse_field("commune", self.form.get("commune"))
        except forms.FieldError:
            commune = None
        for result in sorted(screening.benefits, key=lambda b: order[b.status.value]):
            self._explain_lines[result.id] = len(lines)
            lines.extend(map(Content, explain(result, words=lambda key: forms.field_words(self.form, key))))
            if result.status != Status.not_eligible:
                lines.extend(map(Content, where_lines(self.config, result.id, commune)))
            lines.append(Content(""))
        for item in screening.to_check:
            self._explain_lines[f"to_check:{item.id}"] = len(lines)
            lines.extend(map(Content, explain_to_check(item)))
            lines.extend(map(Content, where_lines(self.config, item.id, commune)))
            lines.append(Content(""))
        self._explain_text = lines
        self._set_text("#explain-text", Content("\n").join(lines))

    @calm
    @on(DataTable.RowHighlighted, "#comparison")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The explanation of the benefit under the cursor comes into view
        while the cursor is moved (the table filled again by a screening
        leaves the explanations where they are: from their top, at first)."""
        if event.data_table.has_focus:
            self._show_explanation_under_cursor()

    def _show_explanation_under_cursor(self) -> None:
        """The explanation of the benefit under the table's cursor at the top
        of the explanations: scrolled in rows drawn, not in lines, since the
        lines before it wrap at the text's width."""
        table, pane, text = self._one("#comparison"), self._one("#explanations"), self._one("#explain-text")
        if table is None or pane is None or text is None or not table.row_count:
            return  # gone while the app closes, or nothing screened yet
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        # A benefit's "1ers mois" row (compare.comparison_rows) is explained
        # with it; the totals have no explanation: from the top, then.
        line = self._explain_lines.get((key or "").removesuffix(":first"), 0)
        width = text.content_size.width
        if not width:
            return  # not drawn yet (a narrow terminal's hidden pane): done when it is shown
        pane.scroll_to(y=self._explain_rows(width)[line], animate=False)

    def _explain_rows(self, width: int) -> list[int]:
        """The row each line of the explanations starts on, at `width`:
        wrapped once per text and width (each cursor move reads it)."""
        cached = self._explain_rows_for
        if cached is None or cached[0] is not self._explain_text or cached[1] != width:
            starts, row = [], 0
            for text in self._explain_text:
                starts.append(row)
                row += max(1, len(text.wrap(width)))
            self._explain_rows_for = (self._explain_text, width, starts + [row])
        return self._explain_rows_for[2]

    def _after_f7(self) -> str:
        """Where F7 goes: from the form to the comparison (arrows pick a
        benefit and show its explanation), then to the explanations, then
        back to the form."""
        focused = self.focused.id if self.focused is not None else None
        return {"comparison": "explanations", "explanations": "form"}.get(focused or "", "comparison")

    def action_explanations(self) -> None:
        # The focus moved at once (Widget.focus waits behind the keys
        # already come): each F7 of a burst goes one step further.
        where = self._after_f7()
        if where == "form":
            # The field left for the results, while it is still on the form.
            target = self._one(f"#{self._form_focus}") if self._form_focus else None
            self.screen.set_focus(target if target is not None else self.query_one("#f-month"))
        else:
            self.screen.set_focus(self.query_one(f"#{where}"))
        if where == "comparison":
            self._show_explanation_under_cursor()

    # -------------------------------------------------------------- scenarios
    def _update_tabs(self) -> None:
        parts = []
        for index, s in enumerate(self.scenarios):
            label = f" {index + 1}. {s.name} "
            parts.append(Content.styled(label, "reverse") if index == self.current else Content(label))
        keys = Content.styled("(F6 changer · ctrl+d dupliquer · F3 changements types)", "dim")
        self.query_one("#tabs", Static).update(Content.assemble(Content(" ").join(parts), "  ", keys))

    async def _switch(self, index: int) -> None:
        self.current = index % len(self.scenarios)
        self._update_tabs()
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            await self._rebuild_form()
        self.schedule()

    async def add_scenario(self, name: str, form: dict) -> bool:
        """A new scenario derived from the one on show (it inherits its
        questions not asked)."""
        if len(self.scenarios) >= MAX_SCENARIOS:
            self.notify("Six scénarios au plus : supprimez-en un (F8).", severity="warning")
            return False
        self.scenarios.append(Scenario(name, form, not_asked=list(self.scenario.not_asked)))
        await self._switch(len(self.scenarios) - 1)
        return True

    async def action_duplicate(self) -> None:
        await self.add_scenario(f"Copie de {self.scenario.name}"[:30], forms.copy_form(self.form))

    async def action_next_scenario(self) -> None:
        await self._switch(self.current + 1)

    async def action_previous_scenario(self) -> None:
        await self._switch(self.current - 1)

    async def action_delete_scenario(self) -> None:
        if len(self.scenarios) == 1:
            self.notify("Le seul scénario ne peut pas être supprimé.", severity="warning")
            return
        del self.scenarios[self.current]
        await self._switch(min(self.current, len(self.scenarios) - 1))

    def action_rename(self) -> None:
        from kiosk.advisor.dialogs import NameDialog

        def done(name: str | None) -> None:
            if name:
                self.scenario.name = name
                self._update_tabs()
                self._show_comparison()

        self.push_screen(NameDialog("Nom du scénario", self.scenario.name), done)

    def action_presets(self) -> None:
        from kiosk.advisor.dialogs import PresetDialog

        parsed = forms.parse_form(self.form)
        if not parsed.complete:
            self.notify("Complétez d'abord la situation : " + self._what_to_fix(parsed), severity="warning")
            return
        adults = [
            (p["id"], f"{i + 1}. {forms.person_label(self.form, i)}")
            for i, p in enumerate(self.form["people"])
            if p["role"] != "child"
        ]
        # "Takes a job" most often concerns whoever is looking for one.
        seeking = [p["id"] for p in self.form["people"] if p["role"] != "child" and p["activity"] == "unemployed"]
        default = seeking[0] if seeking else adults[0][0]

        async def done(choice) -> None:
            if choice:
                await self.apply_preset(*choice)

        self.push_screen(PresetDialog(adults, default), done)

    async def apply_preset(self, preset_id: str, amount: float | None = None, person_id: str | None = None) -> bool:
        """A new scenario: the current one with the preset applied (to
        `person_id` for the presets about one person: the applicant by default)."""
        from kiosk.advisor.presets import PRESETS, scenario_name

        preset = PRESETS[preset_id]
        parsed = forms.parse_form(self.form)
        if not parsed.complete:
            self.notify("Complétez d'abord la situation : " + self._what_to_fix(parsed), severity="warning")
            return False
        names = forms.names(self.form)
        person_id = person_id or next(p["id"] for p in self.form["people"] if p["role"] == "applicant")
        try:
            household = preset.apply(parsed.household(), amount=amount, person_id=person_id)
        except (ValueError, KeyError) as error:
            self.notify(f"Ce changement ne s'applique pas à cette situation ({error}).", severity="warning")
            return False
        index = next((i for i, p in enumerate(self.form["people"]) if p["id"] == person_id), 0)
        name = scenario_name(preset_id, forms.person_label(self.form, index), amount, household)
        return await self.add_scenario(name[:30], forms.form_from_household(household, names))

    def _what_to_fix(self, parsed: forms.ParsedForm) -> str:
        keys = list(parsed.errors) + [k for k in parsed.missing if k not in parsed.errors]
        return ", ".join(forms.field_words(self.form, k) for k in keys)

    # ------------------------------------------------------------- files
    def _complete_household(self):
        parsed = forms.parse_form(self.form)
        if not parsed.complete:
            self.notify(
                "La situation est incomplète ou contient des erreurs : " + self._what_to_fix(parsed),
                severity="warning",
            )
            return None
        return parsed.household()

    def action_export(self) -> None:
        from kiosk.advisor import files
        from kiosk.advisor.dialogs import PathDialog

        household = self._complete_household()
        if household is None:
            return

        def save(path: str) -> str | None:
            try:
                files.save(household, path)
            except (OSError, ValueError) as error:
                return files.message("not_written", error=files.reason(error))
            self.notify(f"Foyer exporté : {path}")
            return None

        self.push_screen(PathDialog("Exporter le foyer (JSON) — chemin du fichier :", save, "foyer.json"))

    def action_import_file(self) -> None:
        from kiosk.advisor.dialogs import ImportDialog

        title = (
            "Importer un foyer, ou reprendre une session de la borne : scannez ou collez son code, "
            "collez du JSON, ou écrivez le chemin d'un fichier :"
        )
        self.push_screen(ImportDialog(title, self.import_text))

    async def import_text(self, text: str) -> str | None:
        """The import dialog's: the file is read in a thread (a slow disk or
        a special file never freezes the screen), then used here."""
        from kiosk.advisor import files

        try:
            imported = await asyncio.wait_for(asyncio.to_thread(files.load_text, text), timeout=IMPORT_TIMEOUT)
        except files.ImportRefused as error:
            return error.message()
        except TimeoutError:
            return files.message("read_timeout", seconds=IMPORT_TIMEOUT)
        self._use_import(imported)
        return None

    def import_path(self, text: str) -> str | None:
        """Load into the current scenario a file (its path), pasted JSON or a
        kiosk session's hand-over code; an error message (and nothing
        changed) when it is refused. An unfinished kiosk session fills in
        what was answered; the rest shows as missing."""
        from kiosk.advisor import files

        try:
            imported = files.load_text(text)
        except files.ImportRefused as error:
            return error.message()
        self._use_import(imported)
        return None

    def _use_import(self, imported) -> None:
        self.scenario.form = imported.to_form()
        self.scenario.not_asked = [] if imported.complete else list(imported.missing)
        self.shown_person = self.scenario.form["people"][0]["id"]
        if imported.lang:
            self.person_lang = imported.lang
        self._redraw_soon()
        if imported.complete:
            self.notify(f"Foyer importé dans le scénario {self.current + 1}.")
        else:
            answers = f"{imported.answers} réponse{'s' if imported.answers > 1 else ''}"
            # Long enough to read the list of what is still to ask.
            self.notify(
                f"Session de la borne reprise dans le scénario {self.current + 1} : {answers} ; "
                f"à compléter : {' ; '.join(imported.missing)}",
                severity="warning",
                timeout=30,
            )

    async def action_print(self) -> None:
        from kiosk.advisor.dialogs import PathDialog
        from kiosk.advisor.printing import configured_printer, print_pdf

        scenario = self.scenario
        household = self._complete_household()
        if household is None:
            return
        # Right after a change the results may be a moment away: wait for them.
        for _ in range(150):
            if scenario.fresh or scenario.errors:
                break
            await asyncio.sleep(0.1)
        if not scenario.fresh:
            self.notify("Le calcul n'est pas terminé, réessayez dans un instant.", severity="warning")
            return
        if self._printer is False:
            self._printer = configured_printer(self.config)
        printer = self._printer
        screening, lang, name = scenario.screening, self.person_lang, scenario.name

        def pdf() -> bytes:
            from kiosk.pdf import summary_pdf

            return summary_pdf(screening, household, lang, scenario=name, site=self.config)

        def save(path: str) -> str | None:
            from kiosk.advisor import files

            data = pdf()  # made first: a failure leaves no empty file behind
            try:
                files.write(path, data)
            except (OSError, ValueError) as error:
                return files.message("not_written", error=files.reason(error))
            self.notify(f"Résumé enregistré : {path}")
            return None

        def chosen(result: str | None) -> None:
            if result == "print" and printer:
                error = print_pdf(pdf(), printer)
                self.notify(f"Impression échouée : {error}" if error else f"Envoyé à l'imprimante {printer}.")

        extra = [("print", f"Imprimer sur {printer}")] if printer else []
        title = f"Résumé PDF du scénario {self.current + 1} ({name}) en {LANGUAGES[lang]}"
        title += " et en français. Enregistrer sous :" if lang != "fr" else ". Enregistrer sous :"
        if not printer:
            title = "Aucune imprimante configurée. " + title
        self.push_screen(PathDialog(title, save, "resume.pdf", extra), chosen)

    # ------------------------------------------------------ new appointment
    @property
    def is_blank(self) -> bool:
        """Nothing of a person on screen: one scenario with the empty form of
        a new appointment (the month studied is not the person's)."""
        if len(self.scenarios) != 1 or self.scenario.not_asked or self.person_lang != "fr":
            return False
        return {**self.form, "month": ""} == {**forms.empty_form(self._site()), "month": ""}

    def _site(self) -> str | None:
        return getattr(self.config, "site_commune", None) if self.config is not None else None

    def action_new_appointment(self) -> None:
        """F9: the next person. Asked first unless the form is blank: what
        was not exported or saved is lost."""
        from kiosk.advisor.dialogs import ConfirmDialog

        if self.is_blank:
            self.new_appointment()
            return
        count = len(self.scenarios)
        scenarios = f"les {count} scénarios" if count > 1 else "le scénario"
        question = (
            f"Nouveau rendez-vous : effacer la situation de cette personne, {scenarios} et les résultats ? "
            "Ce qui n'a pas été exporté (ctrl+s) ou enregistré (ctrl+p) sera perdu."
        )

        def chosen(yes: bool | None) -> None:
            if yes:
                self.new_appointment()

        self.push_screen(ConfirmDialog(question, "Tout effacer et commencer (Entrée)"), chosen)

    def new_appointment(self) -> None:
        """Forget the person seen until now, at once: their scenarios, the
        results and explanations on screen, the screenings kept for them,
        the summary's language, the notifications; then an empty form, as
        the app starts. A screening of theirs still running is dropped when
        it ends (its scenario is gone)."""
        self._forget_person()
        self._new_fields = True  # none of theirs: not even a field they typed in
        self.clear_notifications()
        self._update_tabs()
        self.query_one("#comparison", DataTable).clear(columns=True)
        for selector in ("#changes-text", "#explain-text"):
            self._set_text(selector, "")
        self._set_status("")
        self.query_one("#explanations", Pane).scroll_home(animate=False)
        self.set_focus(None)  # the redrawn form starts at its first field
        self._redraw_soon()
        self.schedule()
        self.notify("Nouveau rendez-vous : tout ce qui concernait la personne précédente est effacé.")

    def _forget_person(self) -> None:
        """What the app holds of the person seen, set as when it starts: an
        empty form, the summary in French, no screening kept, no results or
        explanations drawn."""
        self.scenarios: list[Scenario] = [Scenario("Situation actuelle", forms.empty_form(self._site()))]
        self.current = 0
        self.person_lang = "fr"
        # The person whose fields are shown, or ALL_PEOPLE.
        self.shown_person = "applicant"
        # A change the rules do not see (a name), a value typed back, a
        # duplicated scenario: their screening is found, not recomputed.
        self.screenings = ScreeningCache()
        self._explain_lines: dict[str, int] = {}
        self._explain_text: list[Content] = []
        self._explain_rows_for: tuple[list[Content], int, list[int]] | None = None
        self._table_shape: tuple | None = None
        self._form_focus: str | None = None  # where F7 comes back to on the form

    def _forget_widgets(self) -> None:
        """What the app knows of the widgets on screen, as before any is made."""
        self._rebuilding = False
        # What the form's fields were made for (see _form_shape), and whether
        # the next redraw must make new ones (a new appointment).
        self._shape: tuple | None = None
        self._new_fields = False
        self._rows: list | None = None
        self._view = "form"  # what the focus is in: form, comparison or explanations

    # ---------------------------------------------------------------- errors
    # Textual has no public hook for unhandled exceptions: every message loop,
    # timer and worker calls `App._handle_exception`, whose default prints a
    # traceback WITH LOCAL VARIABLES (the household) and stops the app. The
    # kiosk overrides it too (contract: tests/kiosk/test_errors.py).
    def _handle_exception(self, error: Exception) -> None:
        self.recover(error)

    async def on_event(self, event: events.Event) -> None:
        # Keys, clicks and the actions they run: an error there would stop
        # the app's own message loop, and the app with it (messages: `calm`).
        try:
            await super().on_event(event)
        except Exception as error:
            self.recover(error)

    def recover(self, error: BaseException) -> None:
        """An unexpected error: log where it happened (no message, no value),
        then erase the person's situation and start again with every widget
        made anew, with a calm message. Errors in a row (starting again
        fails too): the app stops, quietly."""
        screen = type(self.screen).__name__ if self.screen_stack else "-"
        log.error("advisor: unexpected error, situation erased: %s", describe_error(error, screen))
        too_many = self.errors.add()
        if self.leaving:
            return
        if too_many:
            log.error("advisor: %d errors in %.0f s, stopping", len(self.errors), ERROR_WINDOW)
            self.exit(return_code=3)
            return
        if not self._start_again_pending:
            self._start_again_pending = True
            self.call_later(self._start_again)

    async def _start_again(self) -> None:
        """Every widget made anew, as at start-up: one whose message loop
        the error stopped (a field, a dialog) would never answer again."""
        self._start_again_pending = False
        self._forget_person()
        self._forget_widgets()
        self.clear_notifications()
        while len(self.screen_stack) > 1:  # a dialog was open
            await self.pop_screen()
        if not self.screen.is_running:
            # The error stopped the screen's own loop (while drawing it): it
            # would never be drawn again, and the app cannot have another
            # (its queries go to the screen it composed). Stop, quietly.
            log.error("advisor: the screen stopped, stopping")
            self.exit(return_code=3)
            return
        await self.recompose()
        self._show_view()  # narrow: the form alone again
        self._show_new_form()
        self.notify(UNEXPECTED_ERROR, severity="error", timeout=30)

    def action_help(self) -> None:
        from kiosk.advisor.dialogs import HelpDialog

        self.push_screen(HelpDialog())
