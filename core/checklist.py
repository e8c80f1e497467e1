"""The response checklist of a grade (第三章 一, 第五章) with due times from T0.

T0 is the time a suspected outbreak was reported to the local plant quarantine agency. Due
times follow the profile's ``due`` specs:

- ``offset``: T0 + ``hours``;
- ``after``: the due time of item ``after`` + ``hours`` (chains: the lockdown order is due
  24 h after the lockdown request, itself due when the local HQ is told, T0 + 2 h);
- ``weekly``: reports due T0 + 7 days, T0 + 14 days, …; the entry shows the next one after now;
- ``monthly``: due at 00:00 on ``day`` of every month after T0 ("before the 1st": the summary is
  late once the day has begun); the entry shows the next one after now;
- ``none``: no time ("promptly", "where needed"): the plan's words are shown instead.

An item is overdue when it is not done and its due time has passed. A recurring report is
overdue when a due date has passed and no report was ticked since the start of that period
(the previous due date, or T0 for the first); ticking it records the report of the current
period.

Times are naive local datetimes (what the technician types and reads).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import QT_TRANSLATE_NOOP, InputError, Msg
from .profile import RuleProfile

RECURRING = ("weekly", "monthly")


@dataclass(frozen=True)
class ChecklistEntry:
    id: str
    kind: str  # report | measure
    title: dict  # {zh, en}
    responsible: dict  # {zh, en}, {order_issued_by} filled in
    citation: str
    due_type: str
    due: datetime | None  # fixed due time, or the next one for weekly/monthly; None for "none"
    due_text: dict  # {zh, en}: the plan's words
    previous_due: datetime | None = None  # recurring: the latest due date already passed
    period_start: datetime | None = None  # recurring: start of the period of previous_due

    @property
    def recurring(self) -> bool:
        return self.due_type in RECURRING

    def text(self, key: str, lang: str = "en") -> str:
        return getattr(self, key)["zh" if lang.startswith("zh") else "en"]


def _add_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def monthly_dates(t0: datetime, day: int, now: datetime) -> tuple[datetime | None, datetime | None, datetime]:
    """(previous due <= now or None, start of that period, next due > now) for ``day`` of each month after T0."""
    year, month = t0.year, t0.month
    due = datetime(year, month, day)
    if due <= t0:
        year, month = _add_month(year, month)
        due = datetime(year, month, day)
    previous, start = None, t0
    while due <= now:
        start, previous = (previous or t0), due
        year, month = _add_month(year, month)
        due = datetime(year, month, day)
    return previous, start, due


def weekly_dates(t0: datetime, now: datetime) -> tuple[datetime | None, datetime | None, datetime]:
    """(previous due <= now or None, start of that period, next due > now) for T0 + 7k days, k >= 1."""
    week = timedelta(days=7)
    k = max(1, int((now - t0) / week) + 1) if now >= t0 else 1
    while t0 + k * week <= now:  # float rounding of the division
        k += 1
    previous = t0 + (k - 1) * week if k > 1 else None
    start = t0 + (k - 2) * week if k > 1 else None
    return previous, start, t0 + k * week


def build_checklist(profile: RuleProfile, grade: int, t0: datetime, now: datetime) -> list[ChecklistEntry]:
    """The checklist items of ``grade`` (3, 2, 1) with due times from ``t0``; [] for grade 0."""
    if grade == 0:
        return []
    if grade not in (3, 2, 1):
        raise InputError(Msg(QT_TRANSLATE_NOOP("core", "Unknown outbreak grade {grade}."), grade=grade))
    order_by = profile.responders(grade)["order_issued_by"]
    # due times of every item (all grades): an "after" chain may go through an item of another grade
    fixed: dict[str, datetime | None] = {}
    for item in profile.checklist():
        due = item["due"]
        if due["type"] == "offset":
            fixed[item["id"]] = t0 + timedelta(hours=due["hours"])
        elif due["type"] == "after":
            base = fixed.get(due["after"])
            fixed[item["id"]] = base + timedelta(hours=due["hours"]) if base is not None else None
        else:
            fixed[item["id"]] = None
    entries = []
    for item in profile.checklist(grade):
        due = item["due"]
        previous = start = None
        if due["type"] == "weekly":
            previous, start, when = weekly_dates(t0, now)
        elif due["type"] == "monthly":
            previous, start, when = monthly_dates(t0, due["day"], now)
        else:
            when = fixed[item["id"]]
        responsible = {lang: text.replace("{order_issued_by}", order_by[lang]) for lang, text in item["responsible"].items()}
        entries.append(
            ChecklistEntry(
                id=item["id"],
                kind=item["kind"],
                title=dict(item["title"]),
                responsible=responsible,
                citation=item["citation"],
                due_type=due["type"],
                due=when,
                due_text=dict(due["text"]),
                previous_due=previous,
                period_start=start if previous is not None else None,
            )
        )
    return entries


def is_done(entry: ChecklistEntry, done_at: datetime | None, t0: datetime) -> bool:
    """Is the item done? A recurring report counts as done for the current period only."""
    if done_at is None:
        return False
    if entry.recurring:
        return done_at > (entry.previous_due or t0)
    return True


def is_overdue(entry: ChecklistEntry, done_at: datetime | None, now: datetime, t0: datetime) -> bool:
    """Not done and past due (recurring: no report since the start of the period that has ended)."""
    if entry.recurring:
        if entry.previous_due is None:
            return False
        return done_at is None or done_at <= (entry.period_start or t0)
    if done_at is not None or entry.due is None:
        return False
    return entry.due < now
