"""Form widgets for the advisor: a labelled field with its error beside it,
and one block per person."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from locales import N_, gettext

ROLES = [
    ("applicant", N_("Demandeur")),
    ("partner", N_("Conjoint")),
    ("child", N_("Enfant à charge")),
    ("other", N_("Autre personne")),
]
ACTIVITIES = [
    ("employed", N_("Emploi salarié")),
    ("self_employed", N_("Travail indépendant")),
    ("unemployed", N_("Recherche d'emploi")),
    ("student", N_("Études")),
    ("retired", N_("Retraite")),
    ("unable_to_work", N_("Inaptitude au travail (invalidité)")),
    ("inactive", N_("Sans activité")),
]
NATIONALITIES = [("fr", N_("Française")), ("eu", N_("Union européenne, EEE ou Suisse")), ("other", N_("Autre"))]
SCHOOLS = [
    ("none", N_("Non scolarisé")),
    ("primary", N_("École maternelle ou élémentaire")),
    ("college", N_("Collège")),
    ("lycee", N_("Lycée")),
    ("higher", N_("Études supérieures")),
]
HOUSING = [
    ("tenant_private", N_("Locataire (parc privé)")),
    ("tenant_social", N_("Locataire (logement social)")),
    ("owner", N_("Propriétaire")),
    ("hosted_free", N_("Hébergement gratuit")),
    ("homeless", N_("Sans domicile")),
]
INCOME_LABELS = [
    ("salary", N_("Salaires nets")),
    ("self_employment", N_("Revenus d'indépendant")),
    ("unemployment", N_("Allocations chômage (ARE)")),
    ("pension", N_("Retraites, pensions d'invalidité, rentes")),
    ("invalidity_pension", N_("Pension d'invalidité")),
    ("alimony", N_("Pensions alimentaires reçues")),
    ("other", N_("Autres revenus")),
]


# The advisor UI is in French on purpose (counter staff and social workers):
# gettext("fr", …) returns the French msgid. The strings are still extracted
# so the catalogs stay complete; only the PDF summary is in the person's language.
def _(msgid: str) -> str:
    return gettext("fr", msgid)


def options(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(_(label), value) for value, label in pairs]


class FieldRow(Horizontal):
    """Label, control, and the error message beside the control."""

    DEFAULT_CSS = """
    FieldRow { height: auto; margin: 0 0 0 0; }
    FieldRow > .field-label { width: 30; padding: 1 1 0 0; }
    FieldRow > Input { width: 22; }
    FieldRow > Select { width: 34; }
    FieldRow > Checkbox { width: 34; }
    FieldRow > .field-error { width: 1fr; padding: 1 0 0 1; color: $error; text-style: bold; }
    """

    def __init__(self, label: str, control: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.control = control
        self.error = Static("", classes="field-error")
        self._error_text = ""

    def show_error(self, message: str) -> None:
        # Only when it changes: every update makes the long form lay itself
        # out again, which cost most of a refresh when done for each row.
        if message != self._error_text:
            self._error_text = message
            self.error.update(message)

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.control
        yield self.error


def field_input(key: str, value: str, *, id: str, placeholder: str = "") -> Input:
    widget = Input(value=value, placeholder=placeholder, id=id)
    widget.field_key = key  # type: ignore[attr-defined]
    return widget


def field_select(key: str, pairs: list[tuple[str, str]], value: str | None, *, id: str, blank: bool = True) -> Select:
    widget = Select(
        options(pairs), value=value if value is not None else Select.NULL, allow_blank=blank, id=id, prompt="—"
    )
    widget.field_key = key  # type: ignore[attr-defined]
    return widget


def field_checkbox(key: str, label: str, value: bool, *, id: str) -> Checkbox:
    widget = Checkbox(label, value=value, id=id)
    widget.field_key = key  # type: ignore[attr-defined]
    return widget


class PersonBlock(Vertical):
    """Every field of one person. `uid` is stable while the block lives;
    the person is found in the form by `person_id`."""

    DEFAULT_CSS = """
    PersonBlock { height: auto; border: round $primary; padding: 0 1; margin: 0 0 1 0; }
    PersonBlock > .person-title { text-style: bold; }
    PersonBlock > .subtitle { text-style: italic; margin: 1 0 0 0; }
    """

    def __init__(self, uid: int, person: dict, number: int) -> None:
        super().__init__(id=f"person-{uid}", classes="person")
        self.uid = uid
        self.person_id = person["id"]
        self.person = person
        self.number = number

    def wid(self, name: str) -> str:
        return f"p{self.uid}-{name.replace('.', '-')}"

    def compose(self) -> ComposeResult:
        p = self.person
        k = lambda name: f"person:{self.person_id}:{name}"  # noqa: E731
        role = dict(ROLES)[p["role"]]
        yield Static(f"{_('Personne')} {self.number} — {_(role)} ({p['id']})", classes="person-title")
        yield FieldRow(_("Rôle"), field_select(k("role"), ROLES, p["role"], id=self.wid("role"), blank=False))
        yield FieldRow(
            _("Date de naissance"),
            field_input(k("birth_date"), p["birth_date"], id=self.wid("birth_date"), placeholder="JJ/MM/AAAA"),
        )
        yield FieldRow(_("Activité"), field_select(k("activity"), ACTIVITIES, p["activity"], id=self.wid("activity")))
        yield FieldRow(
            _("Nationalité"),
            field_select(k("nationality"), NATIONALITIES, p["nationality"], id=self.wid("nationality"), blank=False),
        )
        yield FieldRow(
            _("Années de titre de séjour"),
            field_input(
                k("residence_permit_years"), p["residence_permit_years"], id=self.wid("residence_permit_years")
            ),
        )
        yield FieldRow(_("Scolarité"), field_select(k("school"), SCHOOLS, p["school"], id=self.wid("school")))
        yield FieldRow(
            _("Taux d'incapacité (%)"),
            field_input(
                k("disability_rate"), p["disability_rate"], id=self.wid("disability_rate"), placeholder="0-100"
            ),
        )
        yield FieldRow(
            _("Grossesse en cours"), field_checkbox(k("pregnant"), _("Oui"), p["pregnant"], id=self.wid("pregnant"))
        )
        yield Static(_("Revenus nets par mois"), classes="subtitle")
        for kind, label in INCOME_LABELS:
            yield FieldRow(
                _(label),
                field_input(k(f"income.{kind}"), p[f"income.{kind}"], id=self.wid(f"income.{kind}"), placeholder="0"),
            )
        yield Button(_("Retirer cette personne (ctrl+r)"), id=self.wid("remove"), classes="remove-person")
