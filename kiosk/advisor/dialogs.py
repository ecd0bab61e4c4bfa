"""Small keyboard-first dialogs: a path or a name to type, an import (path,
JSON or hand-over code), presets, help. Errors are shown inside the dialog,
beside the input."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kiosk.advisor.presets import PRESETS
from locales import N_, gettext

HELP = [
    ("Tab / Maj+Tab", N_("Champ suivant / précédent")),
    ("ctrl+n", N_("Ajouter une personne")),
    ("ctrl+r", N_("Retirer la personne où se trouve le curseur")),
    ("ctrl+d", N_("Dupliquer le scénario (6 au plus)")),
    ("F6 / Maj+F6", N_("Scénario suivant / précédent")),
    ("F2", N_("Renommer le scénario")),
    ("F3", N_("Changements types (emploi, départ du conjoint, naissance, 62 ans, logement social)")),
    ("F8", N_("Supprimer le scénario")),
    ("ctrl+p", N_("Imprimer ou enregistrer le résumé PDF")),
    ("ctrl+s", N_("Exporter le foyer (JSON)")),
    ("ctrl+o", N_("Importer un foyer (JSON) ou reprendre une session de la borne (fichier, JSON ou code)")),
    ("F1", N_("Cet écran d'aide")),
    ("Échap", N_("Fermer une fenêtre")),
    ("ctrl+q", N_("Quitter (rien n'est enregistré)")),
]


# The advisor UI is in French on purpose (counter staff and social workers):
# gettext("fr", …) returns the French msgid. The strings are still extracted
# so the catalogs stay complete; only the PDF summary is in the person's language.
def _(msgid: str) -> str:
    return gettext("fr", msgid)


class _Dialog(ModalScreen):
    BINDINGS = [Binding("escape", "dismiss_none", _("Fermer"))]
    DEFAULT_CSS = """
    _Dialog { align: center middle; }
    _Dialog > Vertical { width: 80; height: auto; max-height: 90%; border: thick $primary; background: $surface; padding: 1 2; }
    _Dialog .dialog-error { color: $error; text-style: bold; }
    /* Long titles (the import's) wrap inside the dialog instead of being cut. */
    _Dialog Label { width: 100%; }
    _Dialog Button { margin: 1 1 0 0; }
    """

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class PathDialog(_Dialog):
    """Ask a path; `on_submit(path)` returns an error message or None."""

    PLACEHOLDER = N_("Chemin du fichier")
    EMPTY = N_("Écrivez un chemin de fichier.")

    def __init__(self, title: str, on_submit, value: str = "", extra: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.on_submit_path = on_submit
        self.value = value
        self.extra = extra or []

    def _input(self) -> Input:
        return Input(value=self.value, placeholder=_(self.PLACEHOLDER), id="path")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            for button_id, label in self.extra:
                yield Button(label, id=button_id, variant="primary")
            yield self._input()
            yield Static("", id="dialog-error", classes="dialog-error")
            yield Button(_("Valider (Entrée)"), id="ok")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def submit(self, path: str) -> None:
        error = self.on_submit_path(path.strip()) if path.strip() else _(self.EMPTY)
        if error:
            self.query_one("#dialog-error", Static).update(error)
        else:
            self.dismiss(path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.submit(self.query_one("#path", Input).value)
        else:
            self.dismiss(event.button.id)


class PasteInput(Input):
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

    PLACEHOLDER = N_("Code de la borne (AAD…), JSON collé ou chemin du fichier")
    EMPTY = N_("Scannez ou collez le code de la borne, collez du JSON, ou écrivez un chemin de fichier.")

    def _input(self) -> Input:
        return PasteInput(value=self.value, placeholder=_(self.PLACEHOLDER), id="path")


class NameDialog(_Dialog):
    def __init__(self, title: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield Input(value=self.value, id="name", max_length=30)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class PresetDialog(_Dialog):
    """Pick a preset with 1-5 (or the buttons); the job preset reads the
    salary from the input. Returns (preset id, amount or None)."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 6)]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Changement type : un nouveau scénario est créé à partir du scénario affiché."))
            yield Label(_("Salaire net mensuel pour « prend un emploi » :"))
            yield Input(value="1400", id="salary")
            yield Static("", id="dialog-error", classes="dialog-error")
            for number, (preset_id, (label, _f, _n)) in enumerate(PRESETS.items(), start=1):
                yield Button(f"{number}. {_(label)}", id=f"preset-{preset_id}")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def action_pick(self, number: int) -> None:
        self.choose(list(PRESETS)[number - 1])

    def choose(self, preset_id: str) -> None:
        amount = None
        if PRESETS[preset_id][2]:
            from kiosk.advisor.form import FieldError, parse_amount

            try:
                amount = parse_amount(self.query_one("#salary", Input).value)
            except FieldError as error:
                self.query_one("#dialog-error", Static).update(error.message("fr"))
                return
            if amount is None:
                self.query_one("#dialog-error", Static).update(_("Indiquez le salaire net mensuel."))
                return
        self.dismiss((preset_id, amount))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.choose(event.button.id.removeprefix("preset-"))


class HelpDialog(_Dialog):
    BINDINGS = [Binding("f1", "dismiss_none", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Raccourcis clavier"))
            for keys, text in HELP:
                yield Static(f"{keys:<16} {_(text)}")
            yield Static("")
            yield Static(_("Les résultats se mettent à jour pendant la saisie. « ? » : information manquante."))
            yield Static(_("Rien n'est enregistré, sauf les fichiers que vous exportez ou imprimez."))
