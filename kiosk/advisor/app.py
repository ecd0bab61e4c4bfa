"""The advisor mode: one keyboard-first form for a trained social worker,
live screening, up to six scenarios side by side, explanations, JSON
import/export and a printable summary.

Nothing is stored: the scenarios live in this process until it ends, unless
the worker exports or saves a file (the screen says so).
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Select, Static

from eligibility.catalog import benefits as catalog_benefits
from eligibility.screening import Screening
from kiosk.advisor import form as forms
from kiosk.advisor.compare import comparison_rows, describe_changes
from kiosk.advisor.explain import explain
from kiosk.advisor.widgets import (
    HOUSING,
    FieldRow,
    PersonBlock,
    field_checkbox,
    field_input,
    field_select,
)
from locales import LANGUAGES, N_, benefit_label, gettext

MAX_SCENARIOS = 6
PRIVACY = N_(
    "Rien n'est enregistré : la situation reste dans cette fenêtre jusqu'à sa fermeture, "
    "sauf si vous exportez un fichier (ctrl+s) ou enregistrez le résumé (ctrl+p)."
)
# The rules expect the rent without charges (same help as the advisor flow,
# questionnaires/flows/advisor.yaml).
RENT_HELP = N_("Sans les charges (eau, chauffage, entretien). Avant déduction de l'aide au logement.")


# The advisor screens are for counter staff and social workers: they are in
# French on purpose (gettext("fr", …) returns the French msgid). Only the PDF
# summary is written in the person's language (kiosk/pdf.py), beside the French.
def _(msgid: str) -> str:
    return gettext("fr", msgid)


@dataclass
class Scenario:
    name: str
    form: dict
    parsed: forms.ParsedForm | None = None
    screening: Screening | None = None
    screened_key: str | None = None
    extra: dict = field(default_factory=dict)
    # Questions an unfinished kiosk session never reached: their fields
    # default to nothing (no income, no partner…), so the results may be too
    # hopeful until the worker has asked them. Kept on screen, not only notified.
    not_asked: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return json.dumps(self.form, sort_keys=True)


class AdvisorApp(App):
    TITLE = "Accès aux droits — conseiller"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #tabs { height: 1; background: $panel; padding: 0 1; }
    #main { height: 1fr; }
    #form { width: 3fr; padding: 0 1; }
    #side { width: 2fr; border-left: solid $primary; }
    #comparison { height: auto; max-height: 50%; }
    #status-line { height: auto; max-height: 6; color: $text-muted; padding: 0 1; }
    #explanations { height: 1fr; padding: 0 1; }
    #changes { height: auto; padding: 0 1; color: $warning; }
    #privacy { height: auto; background: $panel; padding: 0 1; }
    .section-title { text-style: bold; background: $primary 20%; margin: 1 0 0 0; padding: 0 1; }
    .received-row { height: auto; }
    #people-error { color: $error; text-style: bold; }
    .field-help { height: auto; color: $text-muted; padding: 0 0 0 30; }
    """

    BINDINGS = [
        Binding("ctrl+n", "new_person", _("Personne +"), priority=True),
        Binding("ctrl+r", "remove_person", _("Retirer"), show=False, priority=True),
        Binding("ctrl+d", "duplicate", _("Dupliquer"), priority=True),
        Binding("f6", "next_scenario", _("Scénario suivant"), priority=True),
        Binding("shift+f6", "previous_scenario", show=False, priority=True),
        Binding("f2", "rename", _("Renommer"), show=False, priority=True),
        Binding("f3", "presets", _("Changements types"), priority=True),
        Binding("f8", "delete_scenario", show=False, priority=True),
        Binding("ctrl+p", "print", _("Imprimer"), priority=True),
        Binding("ctrl+s", "export", _("Exporter"), priority=True),
        Binding("ctrl+o", "import_file", _("Importer"), priority=True),
        Binding("f1", "help", _("Aide (mode d'emploi)"), priority=True),
        Binding("ctrl+q", "quit", _("Quitter"), priority=True),
    ]

    def __init__(self, config: Any = None, *, engine: Any = None, printer: str | None | bool = False) -> None:
        super().__init__()
        self.config = config
        self._engine = engine
        site = getattr(config, "site_commune", None) if config is not None else None
        self.scenarios: list[Scenario] = [Scenario(_("Situation actuelle"), forms.empty_form(site))]
        self.current = 0
        self.person_lang = "fr"
        self._uid = 0
        self._generation = 0
        self._displayed_generation = -1
        self._screening_running = False
        self._table_shape: tuple | None = None
        self._gc_frozen = False
        self._rebuilding = False
        self._rows: list | None = None
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
        "duplicate",
        "next_scenario",
        "previous_scenario",
        "rename",
        "presets",
        "delete_scenario",
        "print",
        "export",
        "import_file",
        "help",
    }

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The form's shortcuts are off while a dialog is open.
        from textual.screen import ModalScreen

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
        return all(s.screened_key == s.key for s in self.scenarios) and self._displayed_generation == self._generation

    # --------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Static("", id="tabs")
        with Horizontal(id="main"):
            with VerticalScroll(id="form"):
                yield from self._form_widgets()
            with Vertical(id="side"):
                yield DataTable(id="comparison", zebra_stripes=True, cursor_type="row")
                yield Static("", id="status-line")
                yield Static("", id="changes")
                with VerticalScroll(id="explanations"):
                    yield Static("", id="explain-text")
        yield Static(_(PRIVACY), id="privacy")
        yield Footer()

    def _form_widgets(self) -> ComposeResult:
        f = self.form
        yield Static(_("Étude"), classes="section-title")
        yield FieldRow(_("Mois étudié"), field_input("month", f["month"], id="f-month", placeholder="MM/AAAA"))
        lang = Select(
            [(name, code) for code, name in LANGUAGES.items()], value=self.person_lang, allow_blank=False, id="f-lang"
        )
        yield FieldRow(_("Langue de la personne (résumé)"), lang)
        yield Static(_("Personnes du foyer"), classes="section-title")
        yield Static("", id="people-error")
        yield Vertical(*self._person_blocks(), id="people")
        yield Button(_("Ajouter une personne (ctrl+n)"), id="add-person")
        yield Static(_("Logement"), classes="section-title")
        yield FieldRow(
            _("Situation de logement"),
            field_select("housing.status", HOUSING, f["housing.status"], id="f-housing-status"),
        )
        yield FieldRow(
            _("Loyer mensuel hors charges"), field_input("housing.rent", f["housing.rent"], id="f-housing-rent")
        )
        yield Static(_(RENT_HELP), classes="field-help")
        yield FieldRow(
            _("Colocation"), field_checkbox("housing.shared", _("Oui"), f["housing.shared"], id="f-housing-shared")
        )
        yield FieldRow(
            _("Commune (code INSEE ou nom)"), field_input("commune", f["commune"], id="f-commune", placeholder="59350")
        )
        yield Static(
            _("Aides déjà perçues (montant par mois, ou par an pour les aides annuelles)"), classes="section-title"
        )
        for benefit_id in catalog_benefits():
            entry = f["received"].get(benefit_id, {"on": False, "amount": ""})
            yield Horizontal(
                field_checkbox(
                    f"received_on.{benefit_id}",
                    benefit_label(benefit_id, "fr"),
                    entry["on"],
                    id=f"f-received-{benefit_id}-on",
                ),
                FieldRow(
                    _("Montant"),
                    field_input(
                        f"received.{benefit_id}", entry["amount"], id=f"f-received-{benefit_id}", placeholder="?"
                    ),
                ),
                classes="received-row",
            )
        yield Static(_("Revenu fiscal de référence"), classes="section-title")
        for year in self._tax_years():
            yield FieldRow(
                _("Revenu fiscal {year}").format(year=year),
                field_input(f"taxable_income.{year}", f["taxable_income"].get(year, ""), id=f"f-tax-{year}"),
            )

    def _tax_years(self) -> list[str]:
        try:
            month = forms.parse_month(self.form["month"])
        except forms.FieldError:
            month = None
        year = (month or forms.current_month()).year
        years = {str(year - 1), str(year - 2)} | set(self.form["taxable_income"])
        return sorted(years, reverse=True)

    def _person_blocks(self) -> list[PersonBlock]:
        blocks = []
        for number, person in enumerate(self.form["people"], start=1):
            self._uid += 1
            blocks.append(PersonBlock(self._uid, person, number))
        return blocks

    async def _rebuild_form(self) -> None:
        """Redraw the whole form from the current scenario."""
        container = self.query_one("#form", VerticalScroll)
        self._rebuilding = True
        try:
            await container.remove_children()
            await container.mount_all(list(self._form_widgets()))
        finally:
            self._rebuilt()
        self._show_errors()

    def _rebuilt(self) -> None:
        self._rebuilding = False
        self._rows = None  # new field widgets
        if self._displayed_generation != self._generation and not self._screening_running:
            self.schedule()  # results that arrived meanwhile were not shown

    async def _rebuild_people(self, focus_person: str | None = None) -> None:
        people = self.query_one("#people", Vertical)
        self._rebuilding = True
        try:
            await people.remove_children()
            blocks = self._person_blocks()
            await people.mount_all(blocks)
        finally:
            self._rebuilt()
        if focus_person is not None:
            for block in blocks:
                if block.person_id == focus_person:
                    self.set_focus(block.query_one(f"#{block.wid('birth_date')}"))

    # ------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        self._update_tabs()
        self.query_one("#f-month", Input).focus()
        self.schedule()

    # --------------------------------------------------------------- fields
    def _store(self, key: str, value: Any) -> None:
        f = self.form
        if key.startswith("person:"):
            _kind, person_id, name = key.split(":", 2)
            for person in f["people"]:
                if person["id"] == person_id:
                    person[name] = value
        elif key.startswith("received_on."):
            f["received"].setdefault(key.split(".", 1)[1], {"on": False, "amount": ""})["on"] = bool(value)
        elif key.startswith("received."):
            entry = f["received"].setdefault(key.split(".", 1)[1], {"on": False, "amount": ""})
            entry["amount"] = value
            if value.strip():
                entry["on"] = True
        elif key.startswith("taxable_income."):
            year = key.split(".", 1)[1]
            if value.strip():
                f["taxable_income"][year] = value
            else:
                f["taxable_income"].pop(year, None)
        else:
            f[key] = value

    def _stored(self, key: str) -> Any:
        if key.startswith("person:"):
            _kind, person_id, name = key.split(":", 2)
            return next((p.get(name) for p in self.form["people"] if p["id"] == person_id), None)
        return self.form.get(key)

    def person_widget(self, index: int, name: str) -> Any:
        """The widget of field `name` of the `index`-th person (tests, scripts)."""
        block = list(self.query(PersonBlock))[index]
        return block.query_one(f"#{block.wid(name)}")

    def _check(self, widget: Any, key: str, value: Any) -> None:
        """Refuse an impossible value beside its field, at once."""
        row = widget.parent
        if not isinstance(row, FieldRow):
            return
        name = key.split(":")[-1]
        try:
            forms.parse_field(name, value) if isinstance(value, str) else None
            row.show_error("")
        except forms.FieldError as error:
            row.show_error(error.message("fr"))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        key = getattr(event.input, "field_key", None)
        if key is None:
            return
        self._store(key, event.value)
        self._check(event.input, key, event.value)
        if key.startswith("received."):
            box = self.query(f"#f-received-{key.split('.', 1)[1]}-on")
            if box and event.value.strip():
                with self.prevent(Checkbox.Changed):
                    box.first(Checkbox).value = True
        self.schedule()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-lang":
            self.person_lang = event.value if event.value != Select.NULL else "fr"
            return
        key = getattr(event.select, "field_key", None)
        if key is None:
            return
        value = None if event.value == Select.NULL else event.value
        if self._stored(key) == value:
            return  # a Select says "changed" when it is mounted
        self._store(key, value)
        if key.endswith(":role"):
            self.call_later(self._rebuild_people)
        self.schedule()

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        key = getattr(event.checkbox, "field_key", None)
        if key is None:
            return
        self._store(key, event.value)
        self.schedule()

    @on(Button.Pressed, "#add-person")
    async def _add_person_button(self) -> None:
        await self.action_new_person()

    @on(Button.Pressed, ".remove-person")
    async def _remove_person_button(self, event: Button.Pressed) -> None:
        block = next(a for a in event.button.ancestors if isinstance(a, PersonBlock))
        await self._remove_person(block.person_id)

    # -------------------------------------------------------------- screening
    def schedule(self) -> None:
        """Screen again after a change.

        No typing pause: a screening starts at once when none is running (it
        runs in a thread, typing goes on). Changes made while one runs are
        gathered into the next, started as soon as it ends; a result computed
        from an older form is kept for its scenario but not displayed.
        """
        self._generation += 1
        if not self._screening_running:
            # call_later: the changes of one keystroke or one paste are
            # handled before the screening starts.
            self._screening_running = True
            self.call_later(self._launch)

    def _launch(self) -> None:
        generation = self._generation
        stale = [(s, s.key, forms.copy_form(s.form)) for s in self.scenarios if s.screened_key != s.key]
        if not stale:
            self._screening_running = False
            self._show_results(generation)
            return
        self.run_worker(lambda: self._compute(generation, stale), thread=True, group="screening", exit_on_error=False)

    def _compute(self, generation: int, stale: list) -> None:
        from eligibility.engine import ScreeningStopped
        from kiosk.advisor.screening import screen_forms

        try:
            # The first time: builds the rules, fills their caches and takes
            # them out of the garbage collector's sight (a no-op afterwards).
            self.engine.warm_up()
            parsed = [forms.parse_form(copy) for _s, _k, copy in stale]
            # Abandoned as soon as the form changes again: its result would
            # not be shown, and the next screening waits for this one.
            screenings = screen_forms(self.engine, parsed, stop=lambda: self._generation != generation)
        except ScreeningStopped:
            self.call_from_thread(self._done)
            return
        except Exception as error:
            self.call_from_thread(self._failed, generation, str(error))
            return
        self.call_from_thread(self._apply, generation, stale, parsed, screenings)

    def _done(self) -> None:
        """A screening ended: start the next one if the form changed meanwhile."""
        if any(s.screened_key != s.key for s in self.scenarios) or self._generation != self._displayed_generation:
            self._launch()
        else:
            self._screening_running = False

    def _failed(self, generation: int, message: str) -> None:
        self._screening_running = False
        if generation == self._generation:
            self._set_text("#status-line", _("Le calcul a échoué : {error}").format(error=message))
        else:
            self.schedule()

    def _apply(self, generation: int, stale: list, parsed: list, screenings: list) -> None:
        for (scenario, key, _copy), p, screening in zip(stale, parsed, screenings):
            # A result is kept only for the content it was computed from:
            # a scenario changed since then waits for its own result.
            if scenario in self.scenarios and scenario.key == key:
                scenario.parsed, scenario.screening, scenario.screened_key = p, screening, key
        try:
            if generation == self._generation:
                self._show_results(generation)
        finally:
            # Whatever happened on screen, the next screening must be able
            # to start: a screening flag left up would freeze the results.
            self._done()

    def _show_results(self, generation: int) -> None:
        if self._rebuilding:
            # The form is being redrawn (scenario switch, import): its fields
            # are not there to show errors beside. `_switch` screens again
            # once it is back.
            return
        self.results_painted.clear()
        self._show_errors()
        self._show_comparison()
        self._show_explanations()
        self._displayed_generation = generation
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

    def _show_errors(self) -> None:
        scenario = self.scenario
        parsed = scenario.parsed if scenario.screened_key == scenario.key else forms.parse_form(scenario.form)
        messages = parsed.messages("fr")
        self._set_text("#people-error", "\n".join(m for k, m in messages.items() if k == "people"))
        # Cross-field errors (a child too old…) found with the whole form.
        for key, row in self._error_rows():
            row.show_error(messages.get(key, ""))

    def _error_rows(self) -> list[tuple[str, FieldRow]]:
        """(message key, row) of every field that shows errors, looked up
        once per redraw of the form: the DOM queries cost ~25 ms a refresh."""
        if self._rows is None:
            ids = {p["id"]: i for i, p in enumerate(self.form["people"])}
            rows = []
            for block in self.query(PersonBlock):
                for row in block.query(FieldRow):
                    name = getattr(row.control, "field_key", "").split(":")[-1]
                    rows.append((f"people[{ids.get(block.person_id)}].{name}", row))
            for key in ("month", "commune", "housing.rent"):
                widget = self.query(f"#f-{key.replace('.', '-')}")
                if widget:
                    rows.append((key, widget.first().parent))
            self._rows = rows
        return self._rows

    def _set_text(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if getattr(widget, "shown_text", None) != text:
            widget.shown_text = text
            widget.update(text)

    def _show_comparison(self) -> None:
        table = self.query_one("#comparison", DataTable)
        ready = [s for s in self.scenarios if s.screening is not None]
        if not ready:
            table.clear(columns=True)
            self._table_shape = None
            return
        households = []
        for s in ready:
            households.append(s.parsed.household() if s.parsed is not None and s.parsed.complete else None)
        columns = [_("Aide (par mois)")] + [
            f"{'▶ ' if s is self.scenario else ''}{i + 1}. {s.name}" for i, s in enumerate(ready)
        ]
        rows = comparison_rows([s.screening for s in ready], households, "fr")
        self._fill_table(table, columns, rows)
        lines = []
        base = households[0]
        for index, (s, h) in enumerate(zip(ready, households)):
            if index == 0 or h is None or base is None:
                continue
            changes = describe_changes(base, h, "fr")
            if changes:
                lines.append(f"{index + 1}. {s.name} — " + _("ce qui change par rapport au scénario 1 :"))
                lines.extend("   " + c for c in changes)
        self._set_text("#changes", "\n".join(lines))
        missing = self.scenario.parsed.missing if self.scenario.parsed else []
        status = _("À jour.")
        if missing:
            status = _("Informations manquantes : {fields} (« ? » = dépend de ces informations).").format(
                fields=", ".join(missing)
            )
        if self.scenario.not_asked:
            status += "\n" + _(
                "Session de la borne inachevée, pas encore demandé : {questions}. Les montants peuvent être trop élevés."
            ).format(questions=" ; ".join(self.scenario.not_asked))
        self._set_text("#status-line", status)

    def _fill_table(self, table: DataTable, columns: list[str], rows: list[list[str]]) -> None:
        """Change only the cells that changed: rebuilding the table each time
        made it flicker and cost a tenth of a second."""
        shape = (tuple(columns), tuple(row[0] for row in rows))
        if shape != self._table_shape:
            table.clear(columns=True)
            for index, label in enumerate(columns):
                table.add_column(label, key=f"c{index}")
            for row in rows:
                table.add_row(*row, key=row[0])
            self._table_shape = shape
            return
        for row in rows:
            for index, cell in enumerate(row[1:], start=1):
                if table.get_cell(row[0], f"c{index}") != cell:
                    table.update_cell(row[0], f"c{index}", cell)

    def _show_explanations(self) -> None:
        screening = self.scenario.screening
        if screening is None:
            return
        order = {"eligible": 0, "unknown": 1, "not_eligible": 2}
        lines = [_("Explications — scénario {n} : {name}").format(n=self.current + 1, name=self.scenario.name), ""]
        for result in sorted(screening.benefits, key=lambda b: order[b.status.value]):
            lines.extend(explain(result, "fr"))
            lines.append("")
        self._set_text("#explain-text", "\n".join(lines))

    # -------------------------------------------------------------- scenarios
    def _update_tabs(self) -> None:
        parts = []
        for index, s in enumerate(self.scenarios):
            label = f"{index + 1}. {s.name}"
            parts.append(f"[reverse] {label} [/reverse]" if index == self.current else f" {label} ")
        self.query_one("#tabs", Static).update(
            " ".join(parts) + "   " + _("(F6 : changer, ctrl+d : dupliquer, F3 : changements types)")
        )

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
            self.notify(_("Six scénarios au plus : supprimez-en un (F8)."), severity="warning")
            return False
        self.scenarios.append(Scenario(name, form, not_asked=list(self.scenario.not_asked)))
        await self._switch(len(self.scenarios) - 1)
        return True

    async def action_duplicate(self) -> None:
        await self.add_scenario(_("Copie de {name}").format(name=self.scenario.name)[:30], forms.copy_form(self.form))

    async def action_next_scenario(self) -> None:
        await self._switch(self.current + 1)

    async def action_previous_scenario(self) -> None:
        await self._switch(self.current - 1)

    async def action_delete_scenario(self) -> None:
        if len(self.scenarios) == 1:
            self.notify(_("Le seul scénario ne peut pas être supprimé."), severity="warning")
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

        self.push_screen(NameDialog(_("Nom du scénario"), self.scenario.name), done)

    def action_presets(self) -> None:
        from kiosk.advisor.dialogs import PresetDialog

        async def done(choice) -> None:
            if choice:
                await self.apply_preset(*choice)

        self.push_screen(PresetDialog(), done)

    async def apply_preset(self, preset_id: str, amount: float | None = None) -> bool:
        """A new scenario: the current one with the preset applied."""
        from kiosk.advisor.presets import PRESETS

        label, function, needs_amount = PRESETS[preset_id]
        parsed = forms.parse_form(self.form)
        if not parsed.complete:
            self.notify(
                _("Complétez d'abord la situation : {fields}").format(
                    fields=", ".join(parsed.missing + list(parsed.errors))
                ),
                severity="warning",
            )
            return False
        try:
            household = function(parsed.household(), amount) if needs_amount else function(parsed.household())
        except (ValueError, KeyError) as error:
            self.notify(_("Ce changement ne s'applique pas à cette situation.") + f" ({error})", severity="warning")
            return False
        name = _(label).replace("…", forms.number_text(amount) if amount is not None else "…")
        return await self.add_scenario(name[:30], forms.form_from_household(household))

    # ----------------------------------------------------------------- people
    async def action_new_person(self) -> None:
        roles = [p["role"] for p in self.form["people"]]
        role = "applicant" if "applicant" not in roles else "partner" if "partner" not in roles else "child"
        person = forms.empty_person(role, forms.new_person_id(self.form, role))
        if len(self.form["people"]) >= 20:
            return
        self.form["people"].append(person)
        await self._rebuild_people(focus_person=person["id"])
        self.schedule()

    async def action_remove_person(self) -> None:
        focused = self.focused
        block = next((a for a in focused.ancestors if isinstance(a, PersonBlock)), None) if focused else None
        if block is None:
            self.notify(_("Placez le curseur dans la fiche de la personne à retirer."), severity="warning")
            return
        await self._remove_person(block.person_id)

    async def _remove_person(self, person_id: str) -> None:
        if len(self.form["people"]) == 1:
            self.notify(_("Le foyer doit compter au moins une personne."), severity="warning")
            return
        self.form["people"] = [p for p in self.form["people"] if p["id"] != person_id]
        await self._rebuild_people()
        self.query_one("#add-person", Button).focus()
        self.schedule()

    # ------------------------------------------------------------- files
    def _complete_household(self):
        parsed = forms.parse_form(self.form)
        if not parsed.complete:
            self.notify(
                _("La situation est incomplète ou contient des erreurs : {fields}").format(
                    fields=", ".join(parsed.missing + list(parsed.errors))
                ),
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
            except OSError as error:
                return _("Impossible d'écrire le fichier : {error}").format(error=error.strerror or error)
            self.notify(_("Foyer exporté : {path}").format(path=path))
            return None

        self.push_screen(PathDialog(_("Exporter le foyer (JSON) — chemin du fichier :"), save, "foyer.json"))

    def action_import_file(self) -> None:
        from kiosk.advisor.dialogs import ImportDialog

        def load(text: str) -> str | None:
            return self.import_path(text)

        title = _(
            "Importer un foyer, ou reprendre une session de la borne : scannez ou collez son code, collez du JSON, ou écrivez le chemin d'un fichier :"
        )
        self.push_screen(ImportDialog(title, load))

    def import_path(self, text: str) -> str | None:
        """Load into the current scenario a file (its path), pasted JSON or a
        kiosk session's hand-over code; an error message (and nothing
        changed) when it is refused. An unfinished kiosk session fills in
        what was answered; the rest shows as missing."""
        from kiosk.advisor import files

        try:
            imported = files.load_text(text)
        except files.ImportRefused as error:
            return error.message("fr")
        self.scenario.form = imported.to_form()
        self.scenario.not_asked = [] if imported.complete else list(imported.missing)
        if imported.lang:
            self.person_lang = imported.lang
        self.call_later(self._switch, self.current)
        if imported.complete:
            self.notify(_("Foyer importé dans le scénario {n}.").format(n=self.current + 1))
        else:
            from locales import ngettext

            # fmt: off
            message = ngettext(
                "fr",
                "Session de la borne reprise dans le scénario {n} : {count} réponse ; à compléter : {missing}",
                "Session de la borne reprise dans le scénario {n} : {count} réponses ; à compléter : {missing}",
                imported.answers  # no trailing comma: Babel would skip the call
            )
            # fmt: on
            # Long enough to read the list of what is still to ask.
            self.notify(
                message.format(n=self.current + 1, count=imported.answers, missing=" ; ".join(imported.missing)),
                severity="warning",
                timeout=30,
            )
        return None

    def action_print(self) -> None:
        from kiosk.advisor.dialogs import PathDialog
        from kiosk.advisor.printing import configured_printer, print_pdf

        household = self._complete_household()
        scenario = self.scenario
        if household is None:
            return
        if scenario.screened_key != scenario.key or scenario.screening is None:
            self.notify(_("Le calcul est en cours, réessayez dans un instant."), severity="warning")
            return
        if self._printer is False:
            self._printer = configured_printer(self.config)
        printer = self._printer
        screening, lang = scenario.screening, self.person_lang

        def pdf() -> bytes:
            from kiosk.pdf import summary_pdf

            return summary_pdf(screening, household, lang)

        def save(path: str) -> str | None:
            try:
                with open(__import__("os").path.expanduser(path), "wb") as handle:
                    handle.write(pdf())
            except OSError as error:
                return _("Impossible d'écrire le fichier : {error}").format(error=error.strerror or error)
            self.notify(_("Résumé enregistré : {path}").format(path=path))
            return None

        def chosen(result: str | None) -> None:
            if result == "print" and printer:
                error = print_pdf(pdf(), printer)
                self.notify(
                    _("Impression échouée : {error}").format(error=error)
                    if error
                    else _("Envoyé à l'imprimante {printer}.").format(printer=printer)
                )

        extra = [("print", _("Imprimer sur {printer}").format(printer=printer))] if printer else []
        title = _("Résumé PDF en {language} et en français. Enregistrer sous :").format(language=LANGUAGES[lang])
        if not printer:
            title = _("Aucune imprimante configurée.") + " " + title
        self.push_screen(PathDialog(title, save, "resume.pdf", extra), chosen)

    def action_help(self) -> None:
        from kiosk.advisor.dialogs import HelpDialog

        self.push_screen(HelpDialog())
