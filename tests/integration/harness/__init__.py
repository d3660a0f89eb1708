"""Ember integration-test harness (see tests/integration/README.md)."""

from .core import case  # noqa: F401
