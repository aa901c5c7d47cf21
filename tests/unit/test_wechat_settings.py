"""WeChat channel settings from the environment variables credentials.yml names."""
import base64
import os

import pytest

from channels.wechat_settings import DEFAULT_REPLY_TIMEOUT_S, WeChatSettings, WeChatSettingsError

AES_KEY = base64.b64encode(os.urandom(32)).decode()[:43]


def test_no_token_means_off_whatever_else_is_set():
    s = WeChatSettings.from_credentials(None, {"WECHAT_APP_ID": "wx1", "WECHAT_AES_KEY": "bad"})
    assert not s.enabled


def test_all_four_variables():
    env = {"WECHAT_TOKEN": "t", "WECHAT_APP_ID": "wx1", "WECHAT_AES_KEY": AES_KEY,
           "WECHAT_APP_SECRET": "s"}
    s = WeChatSettings.from_credentials({}, env)
    assert s.enabled and s.safe_mode and s.can_push
    assert s.reply_timeout_s == DEFAULT_REPLY_TIMEOUT_S and s.api_base_url is None


def test_token_only_is_plaintext_without_push():
    s = WeChatSettings.from_credentials({}, {"WECHAT_TOKEN": "t"})
    assert s.enabled and not s.safe_mode and not s.can_push


def test_credentials_name_other_variables():
    creds = {"token_env": "MY_TOKEN", "reply_timeout_env": "MY_TIMEOUT",
             "api_base_url_env": "MY_API"}
    s = WeChatSettings.from_credentials(creds, {"MY_TOKEN": "t", "MY_TIMEOUT": "2.5",
                                                "MY_API": "http://127.0.0.1:9/cgi-bin/"})
    assert s.token == "t" and s.reply_timeout_s == 2.5 and s.api_base_url == "http://127.0.0.1:9/cgi-bin/"


@pytest.mark.parametrize("env, word", [
    ({"WECHAT_AES_KEY": "short"}, "43"),
    ({"WECHAT_AES_KEY": "!" * 43}, "43"),
    ({"WECHAT_AES_KEY": AES_KEY, "WECHAT_APP_ID": ""}, "APP_ID"),
    ({"WECHAT_REPLY_TIMEOUT": "soon"}, "seconds"),
    ({"WECHAT_REPLY_TIMEOUT": "5"}, "under 5"),
    ({"WECHAT_REPLY_TIMEOUT": "0"}, "under 5"),
    ({"WECHAT_API_BASE_URL": "ftp://x"}, "http"),
])
def test_unusable_settings_stop_the_start_with_a_reason(env, word):
    base = {"WECHAT_TOKEN": "t", "WECHAT_APP_ID": "wx1"}
    with pytest.raises(WeChatSettingsError, match=word):
        WeChatSettings.from_credentials({}, {**base, **env})
