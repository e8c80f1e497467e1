"""How ``core`` reports progress, notes and warnings and learns about cancelation.

The QGIS side passes an adapter around ``QgsProcessingFeedback``; tests and scripts use
:class:`Feedback` itself (silent) or :class:`RecordingFeedback`.
"""

from __future__ import annotations

from .errors import Canceled, Msg


class Feedback:
    """Silent feedback. Subclasses override :meth:`_progress`, :meth:`_report` and :meth:`canceled`."""

    def progress(self, percent: float) -> None:
        self._progress(max(0.0, min(100.0, float(percent))))

    def info(self, message: Msg | str) -> None:
        self._report("info", message)

    def warn(self, message: Msg | str) -> None:
        self._report("warning", message)

    def canceled(self) -> bool:
        return False

    def check_canceled(self) -> None:
        """Raise :class:`Canceled` when the user asked to stop: call it inside long loops."""
        if self.canceled():
            raise Canceled()

    def step(self, start: float, end: float) -> Feedback:
        """A feedback whose 0–100 % maps to ``start``–``end`` % of this one (for multi-step runs)."""
        return _StepFeedback(self, start, end)

    # -- overridables
    def _progress(self, percent: float) -> None:
        pass

    def _report(self, level: str, message: Msg | str) -> None:
        pass


class _StepFeedback(Feedback):
    def __init__(self, parent: Feedback, start: float, end: float):
        self.parent, self.start, self.end = parent, start, end

    def _progress(self, percent: float) -> None:
        self.parent.progress(self.start + (self.end - self.start) * percent / 100.0)

    def _report(self, level: str, message) -> None:
        self.parent._report(level, message)

    def canceled(self) -> bool:
        return self.parent.canceled()


class RecordingFeedback(Feedback):
    """Keeps everything it is told: for tests and scripts."""

    def __init__(self, cancel_after_progress: float | None = None):
        self.messages: list[tuple[str, str]] = []
        self.progress_values: list[float] = []
        self._cancel_after = cancel_after_progress

    def _progress(self, percent: float) -> None:
        self.progress_values.append(percent)

    def _report(self, level: str, message) -> None:
        self.messages.append((level, str(message)))

    def warnings(self) -> list[str]:
        return [text for level, text in self.messages if level == "warning"]

    def canceled(self) -> bool:
        return (
            self._cancel_after is not None
            and bool(self.progress_values)
            and self.progress_values[-1] >= self._cancel_after
        )
