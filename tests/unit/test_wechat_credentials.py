"""credentials.yml as Rasa reads it: the WeChat channel is optional."""
from pathlib import Path

import pytest
from rasa.core.run import create_http_input_channels

from channels.wechat import WeChatInput

CREDENTIALS = str(Path(__file__).resolve().parents[2] / "credentials.yml")
WECHAT_VARS = ("WECHAT_TOKEN", "WECHAT_APP_ID", "WECHAT_AES_KEY", "WECHAT_APP_SECRET",
               "WECHAT_API_BASE_URL", "WECHAT_REPLY_TIMEOUT")


def wechat_channel():
    channels = [c for c in create_http_input_channels(None, CREDENTIALS) if isinstance(c, WeChatInput)]
    assert len(channels) == 1
    return channels[0]


def test_without_wechat_variables_rasa_reads_the_file_and_the_channel_is_off(monkeypatch):
    for name in WECHAT_VARS:
        monkeypatch.delenv(name, raising=False)
    channel = wechat_channel()
    assert channel.name() == "wechat"
    assert not channel.settings.enabled and channel.push is None and channel.crypto is None


def test_with_the_token_the_channel_is_on(monkeypatch):
    for name in WECHAT_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WECHAT_TOKEN", "t0ken")
    monkeypatch.setenv("WECHAT_REPLY_TIMEOUT", "3")
    channel = wechat_channel()
    assert channel.settings.enabled and channel.settings.token == "t0ken"
    assert channel.settings.reply_timeout_s == 3.0
    assert channel.crypto is None  # no EncodingAESKey: plaintext mode only


def test_a_bad_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("WECHAT_TOKEN", "t0ken")
    monkeypatch.setenv("WECHAT_AES_KEY", "too-short")
    monkeypatch.setenv("WECHAT_APP_ID", "wx1")
    with pytest.raises(ValueError, match="EncodingAESKey"):
        wechat_channel()


def test_why_credentials_name_the_variables(tmp_path, monkeypatch):
    """Rasa 3.6 expands an unquoted ${VAR} and stops when it is unset; a quoted one stays as written."""
    from rasa.shared.exceptions import RasaException
    from rasa.shared.utils.io import read_config_file

    monkeypatch.delenv("WECHAT_TEST_UNSET", raising=False)
    monkeypatch.setenv("WECHAT_TEST_SET", "value")
    unquoted = tmp_path / "unquoted.yml"
    unquoted.write_text("c:\n  token: ${WECHAT_TEST_UNSET}\n")
    with pytest.raises(RasaException, match="WECHAT_TEST_UNSET"):
        read_config_file(str(unquoted))
    quoted = tmp_path / "quoted.yml"
    quoted.write_text('c:\n  token: "${WECHAT_TEST_SET}"\n  plain: ${WECHAT_TEST_SET}\n')
    assert read_config_file(str(quoted)) == {"c": {"token": "${WECHAT_TEST_SET}", "plain": "value"}}
