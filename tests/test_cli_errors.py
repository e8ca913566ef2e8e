"""One error funnel: every TwitchwiseError a command raises is one sentence on stderr and exit 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from twitchwise.cli.app import app
from twitchwise.domain.errors import KnowledgeError
from twitchwise.settings import SettingsError, load_settings

runner = CliRunner()


def _run(args: list[str], env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, args, env=env, catch_exceptions=False)


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [("TWITCHWISE_WEB_MAX_BODY", "lots", "TWITCHWISE_WEB_MAX_BODY is 'lots'; it must be a whole number of bytes"),
     ("TWITCHWISE_WEB_MAX_UPLOAD", "-5", "TWITCHWISE_WEB_MAX_UPLOAD is '-5'"),
     ("TWITCHWISE_TZ", "Mars/Olympus", "TWITCHWISE_TZ 'Mars/Olympus' is not a known time zone.")],
)  # fmt: skip
def test_a_bad_environment_variable_is_one_sentence_and_exit_2(variable: str, value: str, words: str) -> None:
    result = _run(["conditions"], env={variable: value})
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Error: " + words)
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_settings_are_validated_in_one_place() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings({"TWITCHWISE_WEB_MAX_BODY": "12x"})
    assert err.value.field == "TWITCHWISE_WEB_MAX_BODY"
    good = load_settings({"TWITCHWISE_WEB_MAX_BODY": "2048", "TWITCHWISE_WEB_SERVER_NAMES": "a.lan, b.lan"})
    assert good.web_max_body == 2048 and good.web_server_names == ("a.lan", "b.lan")
    assert load_settings({}).web_max_body == 64 * 1024


def test_a_knowledge_error_is_one_sentence_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    import twitchwise.services.runtime as runtime

    def broken() -> None:
        raise KnowledgeError("findings.yaml: at symptoms:fever: 'label' is a required property")

    monkeypatch.setattr(runtime, "knowledge", broken)
    monkeypatch.setattr("twitchwise.services.assessment.knowledge", broken)
    result = _run(["conditions"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: the knowledge base is damaged (findings.yaml: at symptoms:fever: 'label' is a required property); "
        "reinstall twitchwise."
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [(["condition", "hypnic_jerk"], "ID 'hypnic_jerk' is not a known condition"),
     (["log", "twitch", "--site", "elbow"], "site 'elbow' is not known"),
     (["assess", "no-such-case.json"], "CASE.json: no such file")],
)  # fmt: skip
def test_input_errors_of_every_area_go_through_the_funnel(args: list[str], words: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = _run(args, env={"TWITCHWISE_DATABASE_URL": f"sqlite:///{tmp_path / 'd.db'}"})
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: " + words)
