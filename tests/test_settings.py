"""Production settings refuse to start without a secret and hosts, and pass Django's
deployment checks when both are given."""

import os
import subprocess
import sys

import pytest


def _check(env_extra: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "inburgering.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "inburgering.example.nl"}
    env.pop(missing)
    result = _check(env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_passes_check_deploy():
    result = _check(
        {
            "SECRET_KEY": "k8Jq2vN7xR4pL9sT1wZ6yB3mC5dF0gH8jK2lP4qR7sT9vW1xY3zA6bC",
            "ALLOWED_HOSTS": "inburgering.example.nl",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
