"""tests/conftest.py: the suite's hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings


def test_the_loaded_profile_has_no_deadline() -> None:
    # A wall-clock deadline fails correct properties on a loaded machine.
    assert settings().deadline is None


def test_the_ci_profile_is_derandomised_without_a_database() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize
    assert ci.database is None
    assert ci.deadline is None
    assert HealthCheck.too_slow in ci.suppress_health_check


def test_the_profile_follows_the_environment() -> None:
    expected = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    assert settings().derandomize == (expected == "ci")
