"""The response checklist: due times from T0 by the profile's chains, recurring reports, overdue."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest

from rifa_zoning.core.checklist import build_checklist, is_done, is_overdue, monthly_dates, weekly_dates
from rifa_zoning.core.profile import RuleProfile, load_profile

T0 = datetime(2024, 5, 30, 9, 15)


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def by_id(entries):
    return {entry.id: entry for entry in entries}


@pytest.mark.parametrize("grade", [3, 2, 1])
def test_due_times_follow_the_profile_chain(profile, grade):
    now = T0 + timedelta(hours=1)
    items = by_id(build_checklist(profile, grade, T0, now))
    assert items["inspect_on_site"].due == T0
    assert items["report_local_hq"].due == T0 + timedelta(hours=2)
    assert items["report_province"].due == T0 + timedelta(hours=2 + 12)
    assert items["lockdown_request"].due == T0 + timedelta(hours=2)
    # 封锁令: 24 h after the request, itself due when the local HQ is told (T0 + 2 h)
    assert items["lockdown_order"].due == datetime(2024, 5, 31, 11, 15)
    assert items["guard_entrances"].due == items["lockdown_order"].due
    assert items["send_specimen"].due is None and items["send_specimen"].due_text["en"] == "promptly"
    assert items["weekly_report"].due == T0 + timedelta(days=7)
    assert items["monthly_report"].due == datetime(2024, 6, 1)
    assert len(items) == len(profile.checklist(grade))


def test_the_lockdown_order_names_who_issues_it_for_the_grade(profile):
    now = T0
    assert by_id(build_checklist(profile, 3, T0, now))["lockdown_order"].responsible == {"zh": "县级人民政府", "en": "county government"}
    for grade in (2, 1):
        entry = by_id(build_checklist(profile, grade, T0, now))["lockdown_order"]
        assert entry.responsible["en"] == "government at county level or above"
        assert "{" not in entry.responsible["zh"]


def test_grade_0_has_no_checklist(profile):
    assert build_checklist(profile, 0, T0, T0) == []


def test_items_limited_to_grades(profile):
    data = copy.deepcopy(profile.data)
    data["checklist"][3]["grades"] = [1]  # send_specimen only for Grade I
    other = RuleProfile(data)
    assert "send_specimen" not in by_id(build_checklist(other, 3, T0, T0))
    assert "send_specimen" in by_id(build_checklist(other, 1, T0, T0))


def test_weekly_next_due_after_now():
    assert weekly_dates(T0, T0) == (None, None, T0 + timedelta(days=7))
    previous, start, next_due = weekly_dates(T0, T0 + timedelta(days=7))  # exactly on the first due date
    assert (previous, start, next_due) == (T0 + timedelta(days=7), T0, T0 + timedelta(days=14))
    previous, start, next_due = weekly_dates(T0, T0 + timedelta(days=20))
    assert (previous, start, next_due) == (T0 + timedelta(days=14), T0 + timedelta(days=7), T0 + timedelta(days=21))


def test_monthly_next_due_is_the_next_first_of_the_month():
    assert monthly_dates(T0, 1, T0 + timedelta(hours=1)) == (None, T0, datetime(2024, 6, 1))
    previous, start, next_due = monthly_dates(T0, 1, datetime(2024, 7, 15))
    assert (previous, start, next_due) == (datetime(2024, 7, 1), datetime(2024, 6, 1), datetime(2024, 8, 1))
    assert monthly_dates(datetime(2024, 12, 3), 1, datetime(2024, 12, 31))[2] == datetime(2025, 1, 1)
    # T0 on the due day itself: the first summary is due next month
    assert monthly_dates(datetime(2024, 6, 1), 1, datetime(2024, 6, 1, 8))[2] == datetime(2024, 7, 1)


def test_overdue_fixed_items(profile):
    now = T0 + timedelta(hours=3)
    items = by_id(build_checklist(profile, 2, T0, now))
    assert is_overdue(items["report_local_hq"], None, now, T0)  # due T0 + 2 h
    assert not is_overdue(items["report_local_hq"], T0 + timedelta(hours=1), now, T0)
    assert not is_overdue(items["report_province"], None, now, T0)  # due T0 + 14 h
    assert not is_overdue(items["send_specimen"], None, now, T0)  # no time
    assert is_done(items["report_local_hq"], T0 + timedelta(hours=1), T0)


def test_overdue_recurring_reports(profile):
    now = T0 + timedelta(days=9)  # first weekly report was due at T0 + 7 d
    weekly = by_id(build_checklist(profile, 3, T0, now))["weekly_report"]
    assert weekly.due == T0 + timedelta(days=14)
    assert is_overdue(weekly, None, now, T0)
    assert not is_overdue(weekly, T0 + timedelta(days=6), now, T0)  # report sent in the first week
    assert not is_done(weekly, T0 + timedelta(days=6), T0)  # ... but not yet this week's
    assert is_done(weekly, T0 + timedelta(days=8), T0)
    early = by_id(build_checklist(profile, 3, T0, T0 + timedelta(days=2)))["weekly_report"]
    assert not is_overdue(early, None, T0 + timedelta(days=2), T0)
    monthly = by_id(build_checklist(profile, 3, T0, datetime(2024, 6, 3)))["monthly_report"]
    assert monthly.due == datetime(2024, 7, 1)
    assert is_overdue(monthly, None, datetime(2024, 6, 3), T0)
    assert not is_overdue(monthly, datetime(2024, 5, 31, 17), datetime(2024, 6, 3), T0)
