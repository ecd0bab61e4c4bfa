"""The results, in the order that matters to the person:

1. rights probably not claimed, with the estimated amount and the total;
2. what they already receive (flagged when it may be under-paid);
3. what could not be determined, and why.

For each right: what it is in one sentence, which institution, the first
step (online, phone, or the desk right here), the documents to bring, and
its official French name beside the translation. Then the answers that were
estimated, and the way to help with online procedures or to finish.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.screens.base import READING_KEYS, KioskScreen, handled
from kiosk.screens.handover import HandoverScreen, can_hand_over
from kiosk.screens.takeaway import on_takeaway_button, takeaway_buttons
from kiosk.summary_texts import (
    DOCUMENTS,
    INSTITUTION,
    ONCE,
    PER_MONTH,
    PER_YEAR,
    PHONE,
    PHONE_UNCERTAIN,
    RECEIVED,
    TITLE,
    TO_VERIFY,
    amount_texts,
)
from kiosk.widgets import BigButton, Para, next_arrow
from kiosk.widgets.listen import ListenButton, can_listen
from kiosk.widgets.places import PlacesToGo
from kiosk.widgets.scrollarea import ScrollArea
from kiosk.widgets.scrollhint import ScrollHint
from locales import format_money, isolate

# The main rights: when one is refused, the result says why, in one
# sentence, as long as the reason is one a person can act on or would
# expect (permit duration, age, studies, income, housing, disability).
EXPLAINED_REFUSALS = ("rsa", "ppa", "aspa", "aah", "aide_logement")
# Reasons that explain nothing to a resident, or are said elsewhere.
UNEXPLAINED_REASONS = {"conditions_not_met", "computation_error", "parameter_may_be_outdated", "estimated_from_default"}


class ResultsScreen(KioskScreen):
    BINDINGS = READING_KEYS
    # Nothing focused as the results open: the person reads from the top
    # (Up/Down scroll); the first Tab goes to the first button.
    AUTO_FOCUS = ""

    def body(self) -> ComposeResult:
        screening = self.app.screening
        lang = self.app.lang
        _ = self._
        money = lambda amount: format_money(amount, lang)  # noqa: E731

        scroll = ScrollArea(id="results")
        with scroll:
            yield Para(_("Vos résultats"), classes="screen-title")
            yield Para(
                _("Ce sont des estimations : seul l'organisme qui paie l'aide peut décider."),
                classes="note",
            )
            unclaimed, received, unknown = screening.sections()
            refused = [b for b in screening.benefits if b.id in EXPLAINED_REFUSALS and self.refusal_reasons(b)]
            # Sections are numbered as shown: no gap when one is empty.
            number = iter(range(1, 10))

            # Probably not claimed.
            with Vertical(classes="section", id="section-unclaimed"):
                yield Para(f"{next(number)}. " + _(TITLE), classes="section-title")
                if unclaimed:
                    first, year = screening.unclaimed_monthly_total, screening.unclaimed_yearly_total
                    # The headline is what will be paid once every right shown
                    # is paid (a right claimed can lower another one later);
                    # the first months beside it when they differ.
                    month = screening.recurring_unclaimed_monthly_total or first
                    if month and money(month) != money(first):
                        yield Para(
                            _(
                                "Total estimé : {amount} par mois, {first} les premiers mois",
                                amount=money(month),
                                first=money(first),
                            ),
                            classes="total",
                            id="total-month",
                        )
                    elif month:
                        yield Para(
                            _("Total estimé : {amount} par mois", amount=money(month)),
                            classes="total",
                            id="total-month",
                        )
                    # The first total line says "Total estimé", the next ones
                    # "et …": without a monthly right, the yearly (or the
                    # one-off) total comes first, never a line starting "et".
                    once = screening.unclaimed_once_total
                    if year:
                        yield Para(
                            _("et en plus : {amount} par an", amount=money(year))
                            if month
                            else _("Total estimé : {amount} par an", amount=money(year)),
                            classes="total",
                            id="total-year",
                        )
                    if once:
                        yield Para(
                            _("et en une fois : {amount}", amount=money(once))
                            if month or year
                            else _("Total estimé : {amount}, en une fois", amount=money(once)),
                            classes="total",
                            id="total-once",
                        )
                    for benefit in unclaimed:
                        yield from self.card(benefit, "unclaimed")
                else:
                    yield Para(_("Nous n'avons pas trouvé d'autre aide à demander."))

            if self.homeless():
                yield from self.domiciliation()

            # Already received.
            if received:
                with Vertical(classes="section", id="section-received"):
                    yield Para(f"{next(number)}. " + _(RECEIVED), classes="section-title")
                    for benefit in received:
                        yield from self.card(benefit, "received")

            # Not determined.
            if unknown:
                with Vertical(classes="section", id="section-unknown"):
                    yield Para(
                        f"{next(number)}. " + _("Aides que nous n'avons pas pu calculer"), classes="section-title"
                    )
                    for benefit in unknown:
                        yield from self.card(benefit, "unknown")

            # Local rights we cannot compute: to check with an agent, no amount.
            if screening.to_check:
                with Vertical(classes="section", id="section-to-check"):
                    yield Para(f"{next(number)}. " + _("Aides à vérifier avec un agent"), classes="section-title")
                    yield Para(
                        _(
                            "Nous ne pouvons pas calculer ces aides."
                            " Vous remplissez déjà certaines conditions. Un agent peut vérifier les autres avec vous."
                        ),
                        classes="note",
                    )
                    for item in screening.to_check:
                        yield from self.to_check_card(item)

            # The main rights refused, each with its reason in one sentence.
            if refused:
                with Vertical(classes="section", id="section-refused"):
                    yield Para(
                        f"{next(number)}. " + _("Aides auxquelles vous n'avez probablement pas droit, et pourquoi"),
                        classes="section-title",
                    )
                    for benefit in refused:
                        yield from self.refusal(benefit)

            estimated = self.estimated_labels()
            if estimated:
                with Vertical(classes="section", id="section-estimated"):
                    yield Para(_("Réponses estimées"), classes="section-title")
                    yield Para(
                        _(
                            "Vous avez répondu « je ne sais pas » à ces questions. Nous avons fait une estimation."
                            " Les montants peuvent changer avec la vraie réponse :"
                        )
                    )
                    for label in estimated:
                        yield Para("• " + label, classes="bullet")

            with Horizontal(classes="end-buttons", id="takeaway-row"):
                if can_listen(self.app):
                    yield ListenButton(self.app, "#results")
                yield from takeaway_buttons(self.app)
            with Horizontal(classes="end-buttons", id="end-row"):
                yield BigButton(_("Aide pour les démarches en ligne"), id="procedures")
                if can_hand_over(self.app):
                    yield BigButton(_("Montrer mes réponses à un agent"), id="show-handover")
                yield BigButton(_("Terminer et effacer mes réponses"), id="finish", classes="finish")
        yield ScrollHint(scroll)

    def estimated_labels(self) -> list[str]:
        """The questions answered "I don't know", in the person's words and
        language; never a field path (the screening's `estimated_answers`)."""
        session = self.app.session
        return session.estimated_labels() if session is not None else []

    def homeless(self) -> bool:
        session = self.app.session
        if session is None:
            return False
        return session.partial_household_data().get("housing", {}).get("status") == "homeless"

    def domiciliation(self) -> ComposeResult:
        # Domiciliation of people without a stable home: a CCAS (or an
        # approved body) must give one, for free, and it opens the rights
        # (Code de l'action sociale et des familles, art. L264-1 to L264-10).
        _ = self._
        with Vertical(classes="section", id="section-domiciliation"):
            yield Para("■ " + _("Vous n'avez pas d'adresse ?"), classes="benefit-name")
            yield Para(
                _(
                    "Le CCAS de votre commune peut vous donner une adresse pour recevoir votre courrier :"
                    " c'est la domiciliation. Elle est gratuite. Avec elle, vous pouvez demander vos aides."
                )
            )
            yield Para(
                next_arrow(self.app.lang)
                + " "
                + _("Demandez-la à l'accueil, ici ({place}).", place=isolate(self.app.config.site_name)),
                classes="step",
            )

    def refusal_reasons(self, benefit) -> list[str]:
        if benefit.status != "not_eligible" or benefit.received:
            return []
        return [code for code in dict.fromkeys(benefit.reasons) if code not in UNEXPLAINED_REASONS]

    def refusal(self, benefit) -> ComposeResult:
        from eligibility.labels import benefit_label, official_name, reason_text

        lang = self.app.lang
        with Vertical(classes="benefit benefit-refused", id=f"refused-{benefit.id}"):
            yield Para("■ " + benefit_label(benefit.id, lang), classes="benefit-name")
            if lang != "fr":
                yield Para(self._("Nom officiel :"), classes="official-label")
                yield Para(isolate(official_name(benefit.id)), classes="official-name")
            for code in self.refusal_reasons(benefit):
                yield Para("• " + reason_text(code, lang), classes="reason")

    def card(self, benefit, section: str) -> ComposeResult:
        from eligibility.catalog import institutions
        from eligibility.labels import (
            benefit_label,
            benefit_summary,
            document_text,
            institution_name,
            official_name,
            reason_text,
        )

        lang = self.app.lang
        _ = self._
        with Vertical(classes=f"benefit benefit-{section}", id=f"{section}-{benefit.id}"):
            yield Para("■ " + benefit_label(benefit.id, lang), classes="benefit-name")
            if lang != "fr":
                yield Para(_("Nom officiel :"), classes="official-label")
                yield Para(isolate(official_name(benefit.id)), classes="official-name")
            yield Para(benefit_summary(benefit.id, lang), classes="summary")

            if section == "unclaimed":
                yield Para(self.amount_text(benefit), classes="amount")
            elif section == "received":
                if benefit.received_amount is not None:
                    yield Para(
                        _("Vous recevez : {amount}", amount=self.per(benefit, benefit.received_amount)),
                        classes="amount",
                    )
                if "may_be_underpaid" in benefit.reasons:
                    yield Para(
                        "⚠ "
                        + reason_text("may_be_underpaid", lang)
                        + " "
                        + _("Montant estimé : {amount}", amount=self.per(benefit, benefit.amount or 0)),
                        classes="warning",
                    )

            reasons = [r for r in benefit.reasons if r != "may_be_underpaid"]
            if section == "unknown" or (section != "received" and reasons):
                for code in dict.fromkeys(reasons):
                    yield Para("• " + reason_text(code, lang), classes="reason")

            yield Para(_(INSTITUTION, name=institution_name(benefit.institution, lang)))
            if section != "received":
                institution = institutions().get(benefit.institution)
                for line in self.first_step(benefit, institution):
                    yield Para(line, classes="step")
                documents = self.documents(benefit)
                if documents:
                    # The same heading as on the phone and the paper summary.
                    yield Para(_(DOCUMENTS), classes="documents-title")
                    for code in documents:
                        yield Para("• " + document_text(code, lang), classes="bullet")
                yield PlacesToGo(benefit.id, id=f"where-{section}-{benefit.id}")

    def to_check_card(self, result) -> ComposeResult:
        """A right to check: what it is, who decides, the conditions met and
        those left to check. Never an amount."""
        from eligibility import to_check

        lang = self.app.lang
        _ = self._
        item = to_check.catalog()[result.id]
        with Vertical(classes="benefit benefit-to-check", id=f"to-check-{result.id}"):
            yield Para("■ " + to_check.label(result.id, lang), classes="benefit-name")
            if lang != "fr":
                yield Para(_("Nom officiel :"), classes="official-label")
                yield Para(isolate(item.official_name), classes="official-name")
            yield Para(to_check.text(item.summary, lang), classes="summary")
            yield Para(_(INSTITUTION, name=isolate(item.institution)))
            for sentence in result.matched:
                yield Para("✓ " + to_check.text(sentence, lang), classes="bullet")
            if result.to_verify:
                yield Para(_(TO_VERIFY), classes="documents-title")
                for sentence in result.to_verify:
                    yield Para("• " + to_check.text(sentence, lang), classes="bullet")
            yield Para(
                "» "
                + _(
                    "L'accueil peut vous aider à faire la demande, ici ({place}).",
                    place=isolate(self.app.config.site_name),
                ),
                classes="step",
            )

    def documents(self, benefit) -> list[str]:
        """The documents this person has to bring (no residence permit for a
        French citizen)."""
        from eligibility.catalog import documents_for

        session = self.app.session
        if session is None or not session.all_answered:
            return list(benefit.how_to_claim.documents)
        return documents_for(benefit.how_to_claim.documents, session.household())

    def per(self, benefit, amount: float) -> str:
        msgid = ONCE if benefit.paid_once else PER_YEAR if benefit.per == "year" else PER_MONTH
        return self._(msgid, amount=format_money(amount, self.app.lang))

    def amount_text(self, benefit) -> str:
        """What the right brings or costs, in the words of the phone text and
        the paper (`kiosk.summary_texts.amount_texts`)."""
        text, _french = amount_texts(benefit, self.app.lang)
        if benefit.variant in ("free", "with_participation"):
            return text
        return self._("Montant estimé : {amount}", amount=text)

    def first_step(self, benefit, institution) -> list[str]:
        _ = self._
        how = benefit.how_to_claim
        place = isolate(self.app.config.site_name)
        lines: list[str] = []
        website = institution.website.removeprefix("https://").removeprefix("http://") if institution else None
        step = next_arrow(self.app.lang) + " "
        if how.first_step == "online":
            lines.append(
                step + _("Pour commencer : faites la demande en ligne, sur {website}.", website=isolate(website))
            )
        elif how.first_step == "form":
            lines.append(step + _("Pour commencer : remplissez un formulaire. L'accueil peut vous le donner."))
        elif how.first_step == "phone":
            lines.append(step + _("Pour commencer : appelez l'organisme."))
        elif how.first_step == "desk":
            lines.append(
                step + _("Pour commencer : venez à l'accueil, ici ({place}), ou allez à l'organisme.", place=place)
            )
        elif how.first_step == "automatic":
            lines.append(
                step
                + _(
                    "Vous n'avez rien à faire : cette aide est versée automatiquement."
                    " Si elle n'arrive pas, appelez l'organisme."
                )
            )
        if how.phone and institution is not None:
            if institution.phone_verified:
                lines.append("☎ " + _(PHONE, phone=how.phone))
            else:
                lines.append("☎ " + _(PHONE_UNCERTAIN, phone=how.phone))
        if how.first_step not in ("desk", "automatic"):
            lines.append("» " + _("L'accueil peut vous aider à faire la demande, ici ({place}).", place=place))
        return lines

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        if event.button.id == "finish":
            handled(event)
            self.app.finish()
        elif event.button.id == "procedures":
            handled(event)
            from kiosk.screens.procedures import ProceduresScreen

            self.app.show(ProceduresScreen())
        elif event.button.id == "show-handover":
            handled(event)
            self.app.push_screen(HandoverScreen())
        elif on_takeaway_button(self, event):
            handled(event)
