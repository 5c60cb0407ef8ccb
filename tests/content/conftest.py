"""Shared by the content tests: the YAML reader on both parsers."""

from __future__ import annotations

import pytest

from kiosk.content import yaml_source
from kiosk.content.yaml_source import SafeComposer

COMPOSERS = [SafeComposer, yaml_source.COMPOSER]


@pytest.fixture(params=COMPOSERS, ids=lambda c: c.__name__)
def composer(request):
    """Each test runs on pure-Python PyYAML and on libyaml's parser."""
    return request.param
