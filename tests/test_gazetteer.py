"""Tests for qa/gazetteer.py: the names of countries and continents."""

from __future__ import annotations

import pytest

from qa.gazetteer import is_country


@pytest.mark.parametrize(("name", "country"), [
    ("North Korea", True), ("the United States", True), ("U.S.", True), ("Europe", True), ("south korea", True),
    ("Seoul", False), ("Pyongyang", False), ("Kursk", False), ("Braga", False), ("North", False), ("", False),
])
def test_countries_and_continents_are_known(name, country):
    assert is_country(name) == country
