"""Small keyboard-first dialogs: a path or a name to type, an import (path,
JSON or hand-over code), presets, a confirmation, help. Errors are shown inside the dialog,
beside the input."""

from __future__ import annotations

import inspect

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from kiosk.advisor import files
from kiosk.advisor.form import ROLES
from kiosk.advisor.presets import PRESETS
from kiosk.advisor.widgets import FieldInput, Pane
from kiosk.widgets.scrollarea import ScrollArea

HELP = [
    ("Tab / Maj+Tab", "Champ suivant / précédent"),
    ("ctrl+n", "Ajouter une personne (son rôle est demandé)"),
    ("F4 / Maj+F4", "Fiche de la personne suivante / précédente (ou toutes)"),
    (
        "F7",
        "Aller au tableau (flèches : explication de l'aide), puis aux explications, puis au formulaire"
        " (sous 100 colonnes, ils s'affichent l'un après l'autre)",
    ),
    ("ctrl+r", "Retirer la personne où se trouve le curseur"),
    ("ctrl+d", "Dupliquer le scénario (6 au plus)"),
    ("F6 / Maj+F6", "Scénario suivant / précédent"),
    ("F2", "Renommer le scénario"),
    ("F3", "Changements types (emploi, départ du conjoint, naissance, 62 ans, logement social)"),
    ("F8", "Supprimer le scénario"),
    ("ctrl+p", "Imprimer ou enregistrer le résumé PDF"),
    ("ctrl+s", "Exporter le foyer (JSON)"),
    ("ctrl+o", "Importer un foyer (JSON) ou reprendre une session de la borne (fichier, JSON ou code)"),
    ("F9", "Nouveau rendez-vous : tout effacer de la personne précédente"),
    ("F1", "Cet écran d'aide"),
    ("Échap", "Fermer une fenêtre"),
    ("ctrl+q", "Quitter (rien n'est enregistré)"),
]


# The advisor's screens are for staff: in French, not translated.


class _Dialog(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Fermer", key_display="Échap"),
        # The app's ctrl+q (a priority binding) quits from a dialog too, but
        # Textual's footer lists only the dialog's own keys: named here.
        Binding("ctrl+q", "app.quit", "Quitter"),
    ]
    # Styles: advisor.tcss. Each dialog's box scrolls when the terminal is
    # too short for it (Tab brings each button into view).

    def on_mount(self) -> None:
        # The form's footer, under the dialog, shows the form's keys, not
        # those of the dialog (Textual's footer reads its own screen): each
        # dialog has its own, which says that Échap closes it. Textual runs
        # this after the subclass's on_mount.
        self.mount(Footer(compact=True, show_command_palette=False))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class PathDialog(_Dialog):
    """Ask a path; `on_submit(path)` returns an error message or None."""

    PLACEHOLDER = "Chemin du fichier"
    EMPTY = "Écrivez un chemin de fichier."

    #: Ask before replacing an existing file (save dialogs).
    CONFIRM_OVERWRITE = True

    def __init__(self, title: str, on_submit, value: str = "", extra: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.on_submit_path = on_submit
        self.value = value
        self.extra = extra or []
        self._confirmed: str | None = None

    def _input(self) -> Input:
        return FieldInput(value=self.value, placeholder=(self.PLACEHOLDER), id="path")

    def compose(self) -> ComposeResult:
        with ScrollArea():
            yield Label(self.title_text, markup=False)
            for button_id, label in self.extra:
                yield Button(label, id=button_id, variant="primary")
            yield self._input()
            yield Static("", id="dialog-error", classes="dialog-error", markup=False)
            yield Button(("Valider (Entrée)"), id="ok")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    async def submit(self, path: str) -> None:
        path = path.strip()
        show = self.query_one("#dialog-error", Static).update
        if not path:
            show(self.EMPTY)
            return
        if self.CONFIRM_OVERWRITE and files.exists(path) and self._confirmed != path:
            self._confirmed = path
            show(f"« {path} » existe déjà. Entrée à nouveau pour le remplacer, ou changez le nom.")
            return
        show("Lecture…" if not self.CONFIRM_OVERWRITE else "")
        error = self.on_submit_path(path)
        if inspect.isawaitable(error):
            error = await error
        if error:
            show(error)
        else:
            self.dismiss(path)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.submit(event.value)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            await self.submit(self.query_one("#path", Input).value)
        else:
            self.dismiss(event.button.id)


class PasteInput(FieldInput):
    """An input that keeps a whole paste. Textual's Input keeps only the first
    line, which would cut pretty-printed JSON (or a code copied over two
    lines) to its first line: here the lines are joined by spaces, which JSON
    and the hand-over code both ignore. Typing, and a barcode scanner (which
    types the code, then Enter), work as in any input."""

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            text = " ".join(event.text.splitlines())
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # not Input._on_paste as well


class ImportDialog(PathDialog):
    """Import: the path of a file, pasted JSON, or a kiosk session's
    hand-over code (typed, pasted, or scanned: the scanner ends with Enter)."""

    PLACEHOLDER = "Code de la borne (AAD…), JSON collé ou chemin du fichier"
    CONFIRM_OVERWRITE = False
    EMPTY = "Scannez ou collez le code de la borne, collez du JSON, ou écrivez un chemin de fichier."

    def _input(self) -> Input:
        return PasteInput(value=self.value, placeholder=(self.PLACEHOLDER), id="path")


class NameDialog(_Dialog):
    def __init__(self, title: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with ScrollArea():
            yield Label(self.title_text, markup=False)
            yield FieldInput(value=self.value, id="name", max_length=30)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class PresetDialog(_Dialog):
    """Pick a preset with 1-5 (or the buttons); the job preset reads the
    salary from the input; the presets about one person apply to the adult
    chosen (by default whoever looks for work). Returns (preset id, amount
    or None, person id)."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 6)]

    def __init__(self, adults: list[tuple[str, str]], default: str) -> None:
        super().__init__()
        self.adults = adults
        self.default = default

    def compose(self) -> ComposeResult:
        from textual.widgets import Select

        with ScrollArea():
            yield Label("Changement type : un nouveau scénario est créé à partir du scénario affiché.")
            yield Label("Personne concernée (emploi, 62 ans) :")
            yield Select(
                [(label, pid) for pid, label in self.adults], value=self.default, allow_blank=False, id="person"
            )
            yield Label("Salaire net mensuel pour « prend un emploi » :")
            yield FieldInput(value="1400", id="salary")
            yield Static("", id="dialog-error", classes="dialog-error", markup=False)
            for number, (preset_id, preset) in enumerate(PRESETS.items(), start=1):
                yield Button(f"{number}. {preset.label}", id=f"preset-{preset_id}")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def action_pick(self, number: int) -> None:
        self.choose(list(PRESETS)[number - 1])

    def choose(self, preset_id: str) -> None:
        from textual.widgets import Select

        amount = None
        if PRESETS[preset_id].needs_amount:
            from kiosk.advisor.form import FieldError, parse_amount

            try:
                amount = parse_amount(self.query_one("#salary", Input).value)
            except FieldError as error:
                self.query_one("#dialog-error", Static).update(error.message("fr"))
                return
            if amount is None:
                self.query_one("#dialog-error", Static).update("Indiquez le salaire net mensuel.")
                return
        person = self.query_one("#person", Select).value
        self.dismiss((preset_id, amount, str(person) if person != Select.NULL else None))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.choose(event.button.id.removeprefix("preset-"))


class RoleDialog(_Dialog):
    """Adding a person: which role? 1-4 or the buttons; Enter takes the one
    under the cursor, which starts on the most likely role."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 5)]

    def __init__(self, default: str, taken: set[str]) -> None:
        super().__init__()
        self.default = default
        self.taken = taken  # applicant / partner already there

    def compose(self) -> ComposeResult:
        with ScrollArea():
            yield Label("Ajouter une personne : quel est son rôle dans le foyer ?")
            for number, (role, label) in enumerate(ROLES, start=1):
                button = Button(f"{number}. {label}", id=f"role-{role}")
                button.disabled = role in self.taken
                yield button

    def on_mount(self) -> None:
        self.query_one(f"#role-{self.default}", Button).focus()

    def action_pick(self, number: int) -> None:
        role = ROLES[number - 1][0]
        if role not in self.taken:
            self.dismiss(role)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id.removeprefix("role-"))


class ConfirmDialog(_Dialog):
    """A yes-or-no question before something that cannot be undone: the
    dialog closes with True only on the first button (Entrée starts there);
    Échap or the second button close it with None."""

    def __init__(self, question: str, yes: str, no: str = "Annuler (Échap)") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with ScrollArea():
            yield Label(self.question, markup=False)
            yield Button(self.yes, id="yes", variant="error")
            yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True if event.button.id == "yes" else None)


class HelpDialog(_Dialog):
    BINDINGS = [Binding("f1", "dismiss_none", show=False)]

    def compose(self) -> ComposeResult:
        # Focusable, as it has no button: the arrows and Page Down scroll it.
        # Each text wraps beside its keys.
        with Pane(id="help"):
            yield Label("Raccourcis clavier")
            for keys, text in HELP:
                with Horizontal(classes="help-row"):
                    yield Static(keys, classes="help-keys")
                    yield Static(text, classes="help-text")
            yield Static("")
            yield Static("Les résultats se mettent à jour pendant la saisie. « ? » : information manquante.")
            yield Static("Rien n'est enregistré, sauf les fichiers que vous exportez ou imprimez.")

    def on_mount(self) -> None:
        self.query_one("#help", Pane).focus()
