"""One question per screen, large text, big answers.

Every kind of question works by touch alone (big buttons, the on-screen
number pad and letter pad) and by keyboard alone (Tab and arrows move
between buttons, Enter or Space presses, digits and letters typed go to the
pad). "Back", "Start again", "Help" and the language button are always there.
"""

from __future__ import annotations

from typing import Any

from textual import events, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical

from kiosk.screens.base import KioskScreen, handled
from kiosk.screens.handover import HandoverScreen, can_hand_over
from kiosk.widgets import BigButton, NumberPad, Para, StepProgress, grid_in_reading_order, in_reading_order, next_arrow
from kiosk.widgets.letterpad import LetterPad
from kiosk.widgets.listen import ListenButton, can_listen
from kiosk.widgets.scrollarea import ChoiceArea
from kiosk.widgets.scrollhint import ScrollHint

DONT_KNOW = "dont_know"
# Choices up to this many are one column; more go in two.
ONE_COLUMN = 4
# A count with at most this many possible values gets one button per value.
COUNT_BUTTONS = 9
# A multiple choice with more answers than this says which key goes to
# "Valider" (the 24 aids received: 25 Tabs without it).
KEY_HINT_ABOVE = 8


def _amount_text(value: Any) -> str:
    """An amount as the pad shows it: French decimal comma, no spaces."""
    if value is None:
        return ""
    number = float(value)
    if number == int(number):
        return str(int(number))
    return f"{number:.2f}".replace(".", ",")


class QuestionScreen(KioskScreen):
    HELP = True
    # End goes to "Valider", Home to the first answer, from anywhere on the
    # screen: a keyboard user ticks a few of many answers, then validates,
    # without a Tab per answer (the hint under a long multiple choice says
    # so). Before the scrolling area's own bindings (priority); on a question
    # without "Valider" or without answers, they scroll as on every screen.
    BINDINGS = [
        Binding("end", "go_to('valider')", show=False, priority=True),
        Binding("home", "go_to('first')", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.question = None
        # What the person has entered but not yet validated (kept across a
        # change of language, which redraws the screen).
        self.draft: str | None = None
        self.period: str | None = None
        self.chosen: list[Any] | None = None
        self.help_open = False
        self.error: str | None = None
        # The next list of communes takes the focus (Valider on a shared postal code).
        self._focus_communes = False
        # The text the communes on screen were found for.
        self._communes_text: str | None = None

    # ------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        # A redraw (a change of language) queued before the session was
        # erased (see `submit`): this screen is on its way out.
        if self.app.session is None:
            return
        yield from super().compose()

    def header_extra(self) -> ComposeResult:
        session = self.app.session
        done, remaining = session.progress
        total = done + remaining
        with Vertical(id="question-header"):
            yield Para(
                self._("Question {number} sur environ {total}", number=done + 1, total=max(total, done + 1)),
                align="center",
                id="progress-text",
            )
            yield StepProgress(done, max(total, 1), id="progress")

    def body(self) -> ComposeResult:
        q = self.app.session.current
        self.question = q
        self._init_draft(q)
        scroll = ChoiceArea(id="question")
        with scroll:
            if q.title:
                yield Para(q.title, id="group-title")
            yield Para(q.text, id="question-text")
            if q.kind == "multiple_choice" and len(q.choices) > KEY_HINT_ABOVE:
                valider = self._("Valider")
                yield Para(
                    self._("Clavier : Entrée coche, la touche Fin va à « {button} ».", button=valider),
                    id="key-hint",
                    classes="note",
                )
            help_text = q.help or self._("Si vous hésitez, l'accueil peut vous aider.")
            help_para = Para("? " + help_text, id="help-text")
            help_para.display = self.help_open
            yield help_para
            if can_hand_over(self.app):
                # Stuck half-way: a staff member can carry on from the answers.
                handover = BigButton(self._("Montrer mes réponses à un agent"), id="show-handover")
                handover.display = self.help_open
                yield handover
            error = Para("⚠ " + (self.error or ""), id="error")
            error.display = bool(self.error)
            yield error
            with Vertical(id="answers"):
                yield from self.answers(q)
        yield ScrollHint(scroll)

    def navigation_extra(self) -> ComposeResult:
        q = self.app.session.current
        if can_listen(self.app):
            yield ListenButton(self.app, "#question")
        if q.kind not in ("single_choice", "yes_no") and not self._count_buttons(q):
            yield BigButton(self._("Valider") + " " + next_arrow(self.app.lang), id="next")

    def _init_draft(self, q) -> None:
        if self.draft is not None or self.chosen is not None:
            return
        value = q.value
        if q.kind == "multiple_choice":
            self.chosen = list(value) if isinstance(value, list) else []
        elif q.kind == "money":
            self.period = q.period
            if isinstance(value, tuple):
                self.draft, self.period = _amount_text(value[0]), value[1]
            else:
                self.draft = ""
        elif q.kind == "birth":
            if isinstance(value, int):
                self.draft = str(value)
            elif value is not None and value != DONT_KNOW:
                self.draft = value.strftime("%d/%m/%Y")
            else:
                self.draft = ""
        elif q.kind in ("count", "month"):
            self.draft = "" if value in (None, DONT_KNOW) else str(value)
        elif q.kind == "commune":
            self.draft = ""

    def _count_buttons(self, q) -> bool:
        return q.kind == "count" and q.min is not None and q.max is not None and q.max - q.min < COUNT_BUTTONS

    def answers(self, q) -> ComposeResult:
        kind = q.kind
        if kind in ("single_choice", "yes_no"):
            yield from self._choices(q, q.choices, selected=[q.value] if q.value is not None else [])
        elif kind == "multiple_choice":
            yield from self._choices(q, q.choices, selected=self.chosen or [])
        elif self._count_buttons(q):
            options = [(n, str(n)) for n in range(q.min, q.max + 1)]
            if q.allows_dont_know:
                options.append((DONT_KNOW, self._("Je ne sais pas")))
            yield from self._choices(q, options, selected=[q.value] if q.value is not None else [], columns=5)
        elif kind == "commune":
            yield from self._commune(q)
        else:
            yield from self._numeric(q)

    def _choices(self, q, options, selected, columns: int | None = None) -> ComposeResult:
        columns = columns or (1 if len(options) <= ONE_COLUMN else 2)
        buttons = []
        for index, (value, label) in enumerate(options):
            button = BigButton(label, value=value, id=f"choice-{index}", classes="choice")
            button.selected = any(_same(value, s) for s in selected)
            buttons.append(button)
        with Grid(id="choice-grid", classes=f"columns-{columns}"):
            # Right to left: the first choice on the right of its row (and first for Tab).
            yield from grid_in_reading_order(buttons, columns, self.app.lang, filler=lambda: Para("", classes="filler"))

    def _numeric(self, q) -> ComposeResult:
        kind = q.kind
        rtl = self.app.rtl
        if kind == "money":
            pad = NumberPad(self.draft or "", decimals=True, suffix="€", rtl=rtl, id="pad")
        elif kind in ("birth", "month"):
            pad = NumberPad(self.draft or "", decimals=False, separator="/", rtl=rtl, id="pad")
        else:
            pad = NumberPad(self.draft or "", decimals=False, rtl=rtl, id="pad")
        side = Vertical(id="period-choices")
        with Horizontal(id="numeric"):
            # The pad first in reading order, the help and "Je ne sais pas" after it.
            for part in in_reading_order([pad, side], self.app.lang):
                if part is pad:
                    yield pad
                else:
                    with side:
                        yield from self._numeric_side(q)

    def _numeric_side(self, q) -> ComposeResult:
        kind = q.kind
        if kind == "birth" and q.role == "child":
            yield Para(self._("Tapez l'âge (par exemple 4) ou le mois et l'année de naissance (par exemple 03/2021)."))
        elif kind == "birth":
            yield Para(self._("Tapez l'âge (par exemple 34) ou la date de naissance (par exemple 25/12/1980)."))
        elif kind == "month":
            yield Para(self._("Tapez le mois et l'année, par exemple 04/2025."))
        elif kind == "count" and q.min is not None and q.max is not None:
            yield Para(self._("Un nombre entre {min} et {max}.", min=q.min, max=q.max))
        if kind == "money" and len(q.periods) > 1:
            for value, label in q.periods:
                button = BigButton(label, value=value, id=f"period-{value}", classes="period")
                button.selected = value == self.period
                yield button
        elif kind == "money" and q.periods:
            yield Para(q.periods[0][1], classes="amount")
        if q.allows_dont_know:
            yield BigButton(self._("Je ne sais pas"), value=DONT_KNOW, id="dont-know")

    def _commune(self, q) -> ComposeResult:
        yield Para(
            self._("Tapez votre code postal ou les premières lettres de votre ville. Puis choisissez-la dans la liste.")
        )
        yield LetterPad(self.draft or "", id="letters")
        self._communes_text = self.draft or ""
        with Grid(id="commune-results"):
            yield from self._commune_buttons(q, self.draft or "")

    def _commune_matches(self, text: str) -> list[tuple[Any, str]]:
        # A complete postal code shows every commune it serves (up to 15 in
        # the Nord); the grid scrolls. An empty text shows the site's commune.
        complete_postal_code = len(text.strip()) == 5 and text.strip().isdigit()
        return self.question.search(text, limit=20 if complete_postal_code else 6)

    def _commune_buttons(self, q, text: str) -> list[BigButton]:
        return [
            BigButton(label, value=code, lang="fr", id=f"commune-{code}", classes="commune")
            for code, label in self._commune_matches(text)
        ]

    # ------------------------------------------------------------- focus
    def arrange_focus(self, chain: list) -> list:
        """ "Valider" right after the answers, before "Back", "Start again"
        and "Help": a multiple choice is ticked, then validated, one Tab on."""
        found = self.query("#next")
        if not found or found.first() not in chain:
            return chain
        valider = found.first()
        chain = [widget for widget in chain if widget is not valider]
        back = [i for i, widget in enumerate(chain) if widget.id == "back"]
        chain.insert(back[0] if back else len(chain), valider)
        return chain

    def action_go_to(self, where: str) -> None:
        if self.app.screen is not self:
            raise SkipAction()  # a dialog is open over the question
        if where == "valider":
            found = self.query("#next")
        else:
            answers = list(self.query("BigButton.choice").results(BigButton))
            found = [min(answers, key=lambda b: int(b.id.rsplit("-", 1)[1]))] if answers else []
        if not found:
            # No "Valider" (one click answers) or no answers (a pad): the
            # keys scroll, as on every screen.
            self.action_scroll_area("end" if where == "valider" else "home")
            return
        target = found[0]
        if where == "first":
            for area in self.query("#question").results(ChoiceArea):
                area.scroll_home(animate=False, immediate=True)
        target.focus()

    def on_mount(self) -> None:
        self._focus_first()

    def after_relabel(self) -> None:
        self._focus_first()

    def _focus_first(self) -> None:
        for selector in ("BigButton.choice.-selected", "BigButton.choice", "BigButton.commune", "#next"):
            found = list(self.query(selector).results(BigButton))
            if found:
                # The first in reading order (a right-to-left grid holds its
                # rows mirrored), without scrolling to it: the question text
                # stays first in view.
                first = min(found, key=lambda b: int(b.id.rsplit("-", 1)[1]) if b.has_class("choice") else 0)
                # On this screen, not the app's current one: a screen being
                # switched in is not current yet when it mounts.
                self.set_focus(first, scroll_visible=False)
                break
        self.call_after_refresh(self._show_question)

    def _show_question(self) -> None:
        # Called after a refresh: the screen may have been replaced meanwhile
        # (the next question shown at once, a quick double tap).
        found = self.query("#question") if self.is_attached else None
        if not found:
            return
        scroll = found.first(ChoiceArea)
        scroll.scroll_home(animate=False, immediate=True)
        focused = self.app.focused
        if (
            focused is not None
            and focused in scroll.walk_children()
            and not scroll.region.contains_region(focused.region)
        ):
            # The focused answer is below the fold: bring it up, as little as
            # needed, so that keyboard users see where they are.
            scroll.scroll_to_widget(focused, animate=False, immediate=True, top=False)

    # ------------------------------------------------------------- input
    def on_key(self, event: events.Key) -> None:
        pads = self.query(NumberPad)
        letters = self.query(LetterPad)
        key = "back" if event.key == "backspace" else (event.character or "")
        if not key or (key != "back" and not key.isprintable()) or key == " ":
            if not (letters and key == " "):
                return
        target = pads.first() if pads else letters.first() if letters else None
        if target is not None and target.type_key(key):
            handled(event)
            event.prevent_default()

    def on_number_pad_changed(self, event: NumberPad.Changed) -> None:
        self.draft = event.value
        self._set_error(None)

    def on_letter_pad_changed(self, event: LetterPad.Changed) -> None:
        self.draft = event.value
        self._set_error(None)
        self._refresh_communes(event.value)

    @work(exclusive=True, group="communes")
    async def _refresh_communes(self, text: str) -> None:
        found = self.query("#commune-results")
        if not found:
            # Its widgets gone (redrawn in another language, or the screen
            # closing) when the key's message came: a new compose lists the
            # towns of `draft`.
            return
        results = found.first(Grid)
        had_focus = self.app.focused in results.children or self._focus_communes
        # Kept until a list takes the focus: the next key cancels this worker
        # (exclusive), maybe after its buttons went with the focus (Textual
        # then moves it up to the language button, where Enter opens the
        # language list).
        self._focus_communes = had_focus
        await results.remove_children()
        buttons = self._commune_buttons(self.question, text)
        await results.mount_all(buttons)
        self._communes_text = text
        if buttons and text.strip():
            # On a small screen the list is below the pad: bring it into view.
            self.call_after_refresh(buttons[0].scroll_visible, animate=False)
        if buttons and (had_focus or self.app.focused is None):
            # The focused answer was among the buttons just replaced (or the
            # list is the next step): the first match takes the focus, marked
            # ▶ ◀, and Enter takes it.
            buttons[0].focus(scroll_visible=False)
            self._focus_communes = False
        elif had_focus:
            # No town matches what is typed: the focus that went with the
            # buttons waits on "Valider", which says so (Textual moved it up
            # to the language button, where Enter opened the language list).
            # The next list still takes it.
            for valider in self.query("#next"):
                valider.focus(scroll_visible=False)

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        button = event.button
        if button.id == "help":
            handled(event)
            self.help_open = not self.help_open
            # Queried, not expected: a tap queued for this screen can reach it
            # while its widgets are gone (redrawn in another language, or the
            # screen closing); a new compose reads `help_open`.
            for widget in self.query("#help-text, #show-handover"):
                widget.display = self.help_open
            return
        if button.id == "show-handover":
            handled(event)
            self.app.push_screen(HandoverScreen())
            return
        if button.has_class("choice"):
            handled(event)
            if self.question.kind == "multiple_choice":
                self._toggle(button)
            else:
                self.submit(button.value)
            return
        if button.has_class("commune"):
            handled(event)
            if any(_same(button.value, code) for code, _label in self._commune_matches(self.typed())):
                self.submit(button.value)
            else:
                # Enter on a commune of a key earlier (its list not yet
                # replaced): what is typed now is the answer.
                self.submit_draft()
            return
        if button.has_class("period"):
            handled(event)
            self.period = str(button.value)
            for other in self.query("BigButton.period").results(BigButton):
                other.selected = other.value == self.period
            return
        if button.id == "dont-know":
            handled(event)
            self.submit(DONT_KNOW)
            return
        if button.id == "next":
            handled(event)
            self.submit_draft()
            return

    def _toggle(self, button: BigButton) -> None:
        if self.app.session is None:
            return
        flow_question = self.app.session.flow.question(self.question.id)
        exclusive = {c.value for c in flow_question.choices if c.exclusive}
        chosen = list(self.chosen or [])
        if any(_same(button.value, c) for c in chosen):
            chosen = [c for c in chosen if not _same(button.value, c)]
        elif button.value in exclusive:
            chosen = [button.value]
        else:
            chosen = [c for c in chosen if c not in exclusive] + [button.value]
        self.chosen = chosen
        for other in self.query("BigButton.choice").results(BigButton):
            other.selected = any(_same(other.value, c) for c in chosen)
        self._set_error(None)

    def typed(self) -> str:
        """What the pad shows now. Read from the pad, not from `draft`: its
        `Changed` message can reach the screen after an Enter typed just
        behind the last digit (a fast typist, a loaded machine), and that
        Enter would then validate what was there one key earlier."""
        for pad in self.query(NumberPad).results(NumberPad):
            return pad.value
        for letters in self.query(LetterPad).results(LetterPad):
            return letters.value
        return self.draft or ""

    def submit_draft(self) -> None:
        q = self.question
        if q.kind == "multiple_choice":
            self.submit(list(self.chosen or []))
        elif q.kind == "money":
            self.submit((self.typed(), self.period or q.period))
        elif q.kind == "commune":
            # The communes matching what is typed now: the buttons on screen
            # may still be those of a key earlier (they are replaced by a worker).
            text = self.typed()
            found = self._commune_matches(text)
            if len(found) == 1:
                self.submit(found[0][0])
            else:
                self.submit(text)
                if len(found) > 1 and self.error:
                    # Several communes (a shared postal code): the choice is the list.
                    buttons = self.query("BigButton.commune")
                    if self._communes_text == text and buttons:
                        buttons.first().focus()
                    else:  # the list for this text is on its way
                        self._focus_communes = True
        else:
            self.submit(self.typed())

    def submit(self, value: Any) -> None:
        from questionnaires import AnswerError

        if self.app.session is None:
            # A tap or key queued for this screen and handled after the
            # session was erased (the idle timeout, "start again"): the person
            # it was meant for has gone; nothing to answer.
            return
        try:
            self.app.session.answer(value)
        except AnswerError as error:
            self._set_error(error.message)
            return
        self.app.screening = None
        self.app.show_current()

    def _set_error(self, message: str | None) -> None:
        self.error = message
        found = self.query("#error") if self.is_mounted else None
        if not found:
            # Not mounted yet, or its widgets gone (redrawn in another
            # language, or the screen closing); a new compose shows `error`.
            return
        para = found.first(Para)
        para.update("⚠ " + (message or ""))
        para.display = bool(message)
        if message:  # on a small screen the message may be above the view
            self.call_after_refresh(para.scroll_visible, animate=False)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b
