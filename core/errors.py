"""User-facing messages and errors raised by ``core``.

``core`` cannot use Qt's translator, so a message is an English template plus parameters
(:class:`Msg`). The QGIS side translates the template (context ``"core"``) and then fills in the
parameters, so a message reads in the user's language with the same values. Templates are
marked with :func:`QT_TRANSLATE_NOOP` so ``pylupdate5`` collects them into ``i18n/``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name pylupdate5 looks for
    """Mark ``text`` for translation without translating it here."""
    return text


class Msg:
    """A translatable message: ``Msg("Radius {value} m is outside {low}–{high} m", value=9000, ...)``."""

    __slots__ = ("template", "params")

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params

    def format(self, translate=None) -> str:
        """The message text; ``translate(template) -> template`` translates it first."""
        template = translate(self.template) if translate else self.template
        params = {k: v.format(translate) if isinstance(v, Msg) else v for k, v in self.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            # a broken translation must never hide the message itself
            return self.template.format(**params)

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Msg({self.template!r}, **{self.params!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Msg) and (self.template, self.params) == (other.template, other.params)


class RifaError(Exception):
    """An error the user can act on. Carries a :class:`Msg`; algorithms turn it into a
    ``QgsProcessingException`` and the GUI shows it in the message bar."""

    def __init__(self, message: Msg | str):
        self.msg = message if isinstance(message, Msg) else Msg("{text}", text=message)
        super().__init__(str(self.msg))


class InputError(RifaError):
    """Bad input: the message names the layer, feature, field or value at fault."""


class ProfileError(RifaError):
    """A rule profile that is malformed or incomplete: the message names the field."""


class Canceled(RifaError):
    """The user canceled a long run."""

    def __init__(self, message: Msg | str | None = None):
        super().__init__(message or Msg(QT_TRANSLATE_NOOP("core", "Canceled by the user.")))
