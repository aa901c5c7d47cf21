"""The WeChat Official Account channel, as WeChat's servers see it.

Most tests post signed (and in safe mode, encrypted) XML to the e2e Rasa server,
whose WeChat settings point its customer-service API at a local fake
(wechat_fake_api.py). The tests of slow answers run the channel's blueprint in a
small Sanic server of their own with a stand-in assistant that takes as long as the
test says: a real Rasa turn cannot be made slow on demand, and a second Rasa server
with a tiny reply timeout would cost ~45 s and ~1 GB for the same check.
"""
import asyncio
import hashlib
import secrets
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
import xmltodict
from sanic import Sanic
from wechatpy.crypto import WeChatCrypto

from channels import wechat_texts
from channels.wechat import WeChatInput
from channels.wechat_choices import CHOICE_HINT, render_message
from channels.wechat_settings import WeChatSettings
from wechat_fake_api import FakeWeChatApi
from scripts.api_access import api_params

ROOT = Path(__file__).resolve().parents[2]


def greeting() -> str:
    from advisor.knowledge import default_knowledge

    return default_knowledge().situations["greet"]


class WeChatServer:
    """Plays WeChat's side: signs, encrypts and posts XML to the channel's webhook."""

    def __init__(self, base_url: str, api: FakeWeChatApi):
        self.base_url = base_url
        self.webhook = f"{base_url}/webhooks/wechat/webhook"
        self.api = api
        self.account = "gh_" + secrets.token_hex(6)
        self.crypto = WeChatCrypto(api.token, api.aes_key, api.app_id)
        self._msg_id = int(time.time() * 1000) * 1000

    def new_user(self) -> str:
        return "o" + uuid.uuid4().hex[:27]  # shaped like an OpenID

    def next_msg_id(self) -> int:
        self._msg_id += 1
        return self._msg_id

    def sign(self, *parts: str) -> str:
        # the protocol itself, written out: SHA-1 over the sorted, joined strings
        return hashlib.sha1("".join(sorted([self.api.token, *parts])).encode()).hexdigest()

    def xml(self, openid: str, msg_type: str, msg_id=None, **fields) -> str:
        items = {"ToUserName": self.account, "FromUserName": openid,
                 "CreateTime": str(int(time.time())), "MsgType": msg_type, **fields}
        if msg_type != "event":
            items["MsgId"] = str(msg_id or self.next_msg_id())
        body = "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in items.items())
        return f"<xml>{body}</xml>"

    def text_xml(self, openid: str, text: str, msg_id=None) -> str:
        return self.xml(openid, "text", msg_id, Content=text)

    def post(self, xml, safe: bool = False, timestamp="now", nonce="new", **query) -> requests.Response:
        # None leaves the parameter out of the request (a test of a missing one)
        timestamp = str(int(time.time())) if timestamp == "now" else timestamp
        nonce = secrets.token_hex(5) if nonce == "new" else nonce
        query.setdefault("timestamp", timestamp)
        query.setdefault("nonce", nonce)
        timestamp, nonce = timestamp or str(int(time.time())), nonce or secrets.token_hex(5)
        params = {"timestamp": timestamp, "nonce": nonce, "signature": self.sign(timestamp, nonce),
                  "openid": "ignored-by-the-channel"}
        if safe:
            wrapped = xmltodict.parse(self.crypto.encrypt_message(xml, nonce, timestamp))["xml"]
            params.update(encrypt_type="aes", msg_signature=wrapped["MsgSignature"])
            xml = f"<xml><ToUserName><![CDATA[{self.account}]]></ToUserName>" \
                  f"<Encrypt><![CDATA[{wrapped['Encrypt']}]]></Encrypt></xml>"
        params.update(query)
        params = {k: v for k, v in params.items() if v is not None}
        data = xml.encode("utf-8") if isinstance(xml, str) else xml
        return requests.post(self.webhook, params=params, data=data, timeout=30,
                             headers={"Content-Type": "text/xml"})

    def reply(self, r: requests.Response, safe: bool = False) -> dict:
        """The passive reply as a dict ({} for the empty "success" answer)."""
        assert r.status_code == 200, r.text
        if r.text == "success":
            return {}
        xml = r.text
        if safe:
            outer = xmltodict.parse(xml)["xml"]
            xml = self.crypto.decrypt_message(xml, outer["MsgSignature"], outer["TimeStamp"],
                                              outer["Nonce"])
        return xmltodict.parse(xml)["xml"]

    def say(self, openid: str, text: str, safe: bool = False) -> str:
        return self.reply(self.post(self.text_xml(openid, text), safe=safe), safe).get("Content", "")

    def tracker(self, openid: str) -> dict:
        r = requests.get(f"{self.base_url}/conversations/{openid}/tracker", params=api_params(), timeout=30)
        r.raise_for_status()
        return r.json()

    def user_events(self, openid: str) -> list:
        return [e for e in self.tracker(openid)["events"] if e["event"] == "user"]

    def last_turn_bot_messages(self, openid: str) -> list:
        turn = []
        for e in reversed(self.tracker(openid)["events"]):
            if e["event"] == "user":
                break
            if e["event"] == "bot":
                turn.append(render_message({"text": e.get("text"), **(e.get("data") or {})}))
        return [t for t in reversed(turn) if t]


@pytest.fixture
def wechat(servers, wechat_api):
    return WeChatServer(servers, wechat_api)


# --- URL verification ------------------------------------------------------------

def test_url_verification_echoes_echostr(wechat):
    timestamp, nonce, echostr = str(int(time.time())), "abc123", "echo-" + secrets.token_hex(4)
    r = requests.get(wechat.webhook, timeout=10, params={
        "signature": wechat.sign(timestamp, nonce), "timestamp": timestamp, "nonce": nonce,
        "echostr": echostr})
    assert r.status_code == 200 and r.text == echostr


@pytest.mark.parametrize("change, status", [
    ({"signature": "0" * 40}, 403),
    ({"nonce": "another-nonce"}, 403),  # signed for a different nonce
    ({"echostr": None}, 400),
    ({"signature": None}, 400),
    ({"timestamp": None}, 400),
])
def test_url_verification_refuses_bad_requests(wechat, change, status):
    timestamp, nonce = "1700000000", "abc123"
    params = {"signature": wechat.sign(timestamp, nonce), "timestamp": timestamp, "nonce": nonce,
              "echostr": "hello"}
    params.update(change)
    r = requests.get(wechat.webhook, timeout=10,
                     params={k: v for k, v in params.items() if v is not None})
    assert r.status_code == status
    assert "hello" not in r.text


# --- messages ----------------------------------------------------------------------

def test_plaintext_message_gets_the_assistants_answer(wechat):
    openid = wechat.new_user()
    r = wechat.post(wechat.text_xml(openid, "你好"))
    assert r.headers["content-type"].startswith("application/xml")
    reply = wechat.reply(r)
    # a passive reply goes back the other way round
    assert reply["ToUserName"] == openid and reply["FromUserName"] == wechat.account
    assert reply["MsgType"] == "text"
    assert reply["Content"] == greeting()
    tracker = wechat.tracker(openid)
    assert tracker["latest_message"]["text"] == "你好"
    assert tracker["latest_input_channel"] == "wechat"


def test_safe_mode_message_is_decrypted_and_answered_encrypted(wechat):
    openid = wechat.new_user()
    r = wechat.post(wechat.text_xml(openid, "你好"), safe=True)
    assert "<Encrypt>" in r.text and "你好" not in r.text and greeting() not in r.text
    reply = wechat.reply(r, safe=True)
    assert reply["ToUserName"] == openid and reply["Content"] == greeting()
    assert len(wechat.user_events(openid)) == 1


def test_safe_mode_refuses_wrong_signature_and_garbage(wechat):
    openid = wechat.new_user()
    xml = wechat.text_xml(openid, "你好")
    assert wechat.post(xml, safe=True, msg_signature="0" * 40).status_code == 403
    assert wechat.post(xml, safe=True, msg_signature=None).status_code == 400
    # correctly signed, but not something WeChat could have encrypted
    timestamp, nonce, junk = "1700000000", "n1", "bm90IGFlcw=="
    body = f"<xml><ToUserName>{wechat.account}</ToUserName><Encrypt>{junk}</Encrypt></xml>"
    r = requests.post(wechat.webhook, data=body.encode(), timeout=10, params={
        "timestamp": timestamp, "nonce": nonce, "encrypt_type": "aes",
        "msg_signature": wechat.sign(timestamp, nonce, junk)})
    assert r.status_code == 400
    assert wechat.post(xml, encrypt_type="rot13").status_code == 400
    assert wechat.user_events(openid) == []


def test_a_retried_message_reaches_the_assistant_once(wechat):
    openid = wechat.new_user()
    xml = wechat.text_xml(openid, "你好", msg_id=wechat.next_msg_id())
    replies = [wechat.reply(wechat.post(xml)) for _ in range(4)]  # the first try and 3 retries
    assert all(r["Content"] == greeting() for r in replies)
    assert len(wechat.user_events(openid)) == 1
    # safe mode retries too, and a new MsgId is a new message
    safe_xml = wechat.text_xml(openid, "你好", msg_id=wechat.next_msg_id())
    for _ in range(3):
        assert wechat.reply(wechat.post(safe_xml, safe=True), safe=True)["Content"] == greeting()
    assert len(wechat.user_events(openid)) == 2


@pytest.mark.parametrize("safe", [False, True])
def test_a_correctly_signed_hour_old_message_is_refused(wechat, safe):
    openid = wechat.new_user()
    old = str(int(time.time()) - 3600)
    r = wechat.post(wechat.text_xml(openid, "你好"), safe=safe, timestamp=old)
    assert r.status_code == 403 and "timestamp" in r.text
    assert wechat.user_events(openid) == []


@pytest.mark.parametrize("safe", [False, True])
def test_a_nonce_used_again_for_another_message_is_refused(wechat, safe):
    openid = wechat.new_user()
    nonce = secrets.token_hex(5)
    assert wechat.post(wechat.text_xml(openid, "你好"), safe=safe, nonce=nonce).status_code == 200
    r = wechat.post(wechat.text_xml(openid, "买的鞋开胶了"), safe=safe, nonce=nonce)
    assert r.status_code == 403 and "nonce" in r.text
    assert len(wechat.user_events(openid)) == 1


def test_a_flood_from_one_user_is_limited_while_another_is_answered(wechat):
    flooder = wechat.new_user()
    answers = [wechat.post(wechat.text_xml(flooder, f"鞋子开胶了{i}")) for i in range(30)]
    assert all(r.status_code == 200 for r in answers)
    assert sum("发得太快" in r.text for r in answers) >= 5
    assert len(wechat.user_events(flooder)) <= 25
    calm = wechat.new_user()
    assert "色差" in wechat.say(calm, "买的裙子色差很大")


@pytest.mark.parametrize("change", [{"signature": "0" * 40}, {"timestamp": "1"}])
def test_wrong_signature_is_403_and_never_reaches_the_assistant(wechat, change):
    openid = wechat.new_user()
    r = wechat.post(wechat.text_xml(openid, "你好"), **change)
    assert r.status_code == 403
    assert wechat.user_events(openid) == []


@pytest.mark.parametrize("missing", ["signature", "timestamp", "nonce"])
def test_missing_query_parameter_is_400(wechat, missing):
    openid = wechat.new_user()
    r = wechat.post(wechat.text_xml(openid, "你好"), **{missing: None})
    assert r.status_code == 400 and missing in r.json()["reason"]
    assert wechat.user_events(openid) == []


@pytest.mark.parametrize("body", [
    b"",
    b"not xml at all",
    b"<xml><ToUserName>gh_1</ToUserName>",           # cut off
    b"<xml>just text</xml>",
    b"<note><MsgType>text</MsgType></note>",          # not WeChat's root element
    b"<xml><FromUserName>o1</FromUserName><Content>hi</Content></xml>",  # no MsgType
    b"<xml><ToUserName>gh_1</ToUserName><MsgType>text</MsgType><Content>hi</Content></xml>",  # no sender
    "<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>你好</Content><MsgId>not-a-number</MsgId></xml>".encode(),
    "<xml><Content>你好</Content></xml>".encode("gbk"),  # not UTF-8
    b"<xml><MsgType><a>1</a></MsgType></xml>",
])
def test_malformed_xml_is_400(wechat, body):
    r = wechat.post(body)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "bad_request"


def test_oversized_body_is_refused_and_the_channel_still_works(wechat):
    r = wechat.post(b"<xml>" + b"a" * 100_000 + b"</xml>")
    assert r.status_code == 413
    assert requests.get(f"{wechat.base_url}/webhooks/wechat/", timeout=10).json()["status"] == "ok"
    assert wechat.say(wechat.new_user(), "你好") == greeting()


@pytest.mark.parametrize("msg_type, fields", [
    ("image", {"PicUrl": "http://127.0.0.1/p.jpg", "MediaId": "m1"}),
    ("voice", {"MediaId": "m2", "Format": "amr"}),  # no speech recognition on the account
    ("video", {"MediaId": "m3", "ThumbMediaId": "t3"}),
    ("shortvideo", {"MediaId": "m4", "ThumbMediaId": "t4"}),
    ("location", {"Location_X": "31.2", "Location_Y": "121.5", "Scale": "15", "Label": "上海"}),
    ("link", {"Title": "商品", "Description": "d", "Url": "http://127.0.0.1/item"}),
    ("file", {"Title": "a.pdf", "FileKey": "k"}),  # a type wechatpy does not know
])
def test_non_text_messages_get_a_polite_answer_without_the_assistant(wechat, msg_type, fields):
    openid = wechat.new_user()
    reply = wechat.reply(wechat.post(wechat.xml(openid, msg_type, **fields)))
    assert reply["ToUserName"] == openid
    assert reply["Content"] == wechat_texts.NOT_TEXT and "文字" in reply["Content"]
    assert wechat.user_events(openid) == []


def test_recognised_voice_goes_to_the_assistant_as_text(wechat):
    openid = wechat.new_user()
    xml = wechat.xml(openid, "voice", MediaId="m5", Format="amr", Recognition="你好")
    assert wechat.reply(wechat.post(xml))["Content"] == greeting()
    assert [e["text"] for e in wechat.user_events(openid)] == ["你好"]


def test_subscribe_gets_the_welcome_and_unsubscribe_nothing(wechat):
    openid = wechat.new_user()
    reply = wechat.reply(wechat.post(wechat.xml(openid, "event", Event="subscribe")))
    assert reply["Content"] == greeting()
    assert wechat.tracker(openid)["latest_message"]["intent"]["name"] == "greet"
    # the same event again (WeChat's retry: same sender and CreateTime) is not a second turn
    xml = wechat.xml(openid, "event", Event="subscribe", CreateTime="1700000001")
    assert wechat.reply(wechat.post(xml))["Content"] == greeting()
    assert wechat.reply(wechat.post(xml))["Content"] == greeting()
    assert len(wechat.user_events(openid)) == 2
    for event in ("unsubscribe", "CLICK", "LOCATION"):
        r = wechat.post(wechat.xml(openid, "event", Event=event, EventKey="k"))
        assert r.status_code == 200 and r.text == "success"
    assert len(wechat.user_events(openid)) == 2


# --- buttons and the customer-service API ----------------------------------------

def test_buttons_are_numbered_and_a_number_picks_one(wechat, wechat_api):
    openid = wechat.new_user()
    # type and amount in the first message: the next question is the seller's attitude
    first = wechat.say(openid, "买的裙子颜色和图片差太多了，花了299")
    turn = wechat.last_turn_bot_messages(openid)
    assert first == turn[0] and "「色差」" in first
    wechat_api.wait_for_texts(openid, len(turn) - 1)  # the rest of the turn (the privacy notice) is pushed
    assert "1. " in first and "2. " in first and "5. " in first and CHOICE_HINT in first
    assert wechat.tracker(openid)["slots"]["requested_slot"] == "seller_attitude"

    # "２" (full-width) picks the second button: 卖家同意处理, a plain-text payload
    buttons = latest_buttons_of(wechat, openid)
    answer = wechat.say(openid, "２")
    tracker = wechat.tracker(openid)
    assert tracker["latest_message"]["text"] == buttons[1]["payload"]
    assert tracker["slots"]["seller_attitude"] == "cooperative"
    assert tracker["slots"]["requested_slot"] == "negotiation_rounds"
    assert answer == wechat.last_turn_bot_messages(openid)[0] and "3. " in answer

    # "三" picks the third choice of the rounds question: 3次及以上 -> 3
    buttons = latest_buttons_of(wechat, openid)
    wechat.say(openid, "三")
    tracker = wechat.tracker(openid)
    assert tracker["latest_message"]["text"] == buttons[2]["payload"]
    assert tracker["slots"]["negotiation_rounds"] == 3

    # numbers all the way to the advice: 还没申请, then 都有了 for the evidence.
    # The advice is several messages: the first is the reply, the rest are pushed
    pushed = len(wechat_api.texts_to(openid))
    wechat.say(openid, "1")
    assert wechat.tracker(openid)["slots"]["platform_status"] == "not_applied"
    answer = wechat.say(openid, "一")
    turn = wechat.last_turn_bot_messages(openid)
    assert len(turn) >= 3 and answer == turn[0]
    assert wechat_api.wait_for_texts(openid, pushed + len(turn) - 1)[pushed:] == turn[1:]
    assert any("📋" in t for t in turn) and any("💡" in t for t in turn)
    assert wechat.tracker(openid)["slots"]["recommendation"]


def test_a_number_without_buttons_is_just_text(wechat):
    openid = wechat.new_user()
    wechat.say(openid, "你好")  # the greeting has no buttons
    wechat.say(openid, "2")
    assert wechat.tracker(openid)["latest_message"]["text"] == "2"


def latest_buttons_of(wechat, openid):
    for e in reversed(wechat.tracker(openid)["events"]):
        if e["event"] == "user":
            break
        if e["event"] == "bot" and (e.get("data") or {}).get("buttons"):
            return e["data"]["buttons"]
    raise AssertionError("the last bot turn had no buttons")


# A dispute typed as a shopper types it, answered until the advice (several messages).
TO_THE_ADVICE = ("买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题不给退", "2次", "还没申请", "都有了")


def test_customer_service_api_gets_a_token_then_the_rest_in_order(wechat, wechat_api):
    openid = wechat.new_user()
    expected = []
    for text in TO_THE_ADVICE:
        wechat.say(openid, text)
        turn = wechat.last_turn_bot_messages(openid)
        expected += turn[1:]
    assert len(turn) >= 3  # the advice turn: checklist, advice and closing are pushed
    assert wechat_api.wait_for_texts(openid, len(expected)) == expected
    sends = [r for r in wechat_api.recorded("/cgi-bin/message/custom/send")
             if r["body"].get("touser") == openid]
    assert all(r["query"]["access_token"] == wechat_api.access_token for r in sends)
    tokens = wechat_api.recorded("/cgi-bin/token")
    assert tokens and tokens[0]["query"]["appid"] == wechat_api.app_id
    assert tokens[0]["query"]["secret"] == wechat_api.app_secret


def test_a_refused_push_is_logged_and_the_conversation_goes_on(wechat, wechat_api):
    openid = wechat.new_user()
    wechat_api.refuse_openids.add(openid)  # e.g. the user has not written for 48 h
    tries = 0
    for text in TO_THE_ADVICE:
        first = wechat.say(openid, text)
        turn = wechat.last_turn_bot_messages(openid)
        assert first == turn[0]
        if len(turn) > 1:  # one try per turn, refused: the rest is not sent into the refusal
            tries += 1
            wait_until(lambda: len(wechat_api.sends_to(openid)) >= tries)
    assert tries >= 1
    time.sleep(1)
    assert [t["errcode"] for t in wechat_api.sends_to(openid)] == [45015] * tries
    assert wechat_api.texts_to(openid) == []
    wechat_api.refuse_openids.discard(openid)
    reply = wechat.say(openid, "卖家刚才同意退了")  # changes the advice: several messages again
    turn = wechat.last_turn_bot_messages(openid)
    assert reply == turn[0] and len(turn) >= 2
    assert wechat_api.wait_for_texts(openid, len(turn) - 1) == turn[1:]  # pushes work again


def wait_until(check, timeout=10):
    deadline = time.time() + timeout
    while not check() and time.time() < deadline:
        time.sleep(0.1)
    assert check()


# --- slow answers: the channel on a small server with a stand-in assistant ------

class StandInAssistant:
    """Answers like Rasa would, after the delays the current test sets."""

    def __init__(self):
        self.steps = []  # [(seconds to wait, text or Exception), ...]
        self.calls = []

    async def __call__(self, message):
        self.calls.append(message.text)
        for delay, what in self.steps:
            await asyncio.sleep(delay)
            if isinstance(what, Exception):
                raise what
            await message.output_channel.send_response(message.sender_id, {"text": what})


# Sanic 21.12 cannot start a second app in one process, so one small server carries
# the channel in each configuration the tests need, each under its own prefix.
VARIANTS = {"push": ("0.5", True), "push_patient": ("2.0", True), "no_push": ("0.5", False),
            "off": ("0.5", None)}


class ChannelServer:
    def __init__(self, api: FakeWeChatApi, assistant: StandInAssistant):
        self.app = Sanic(f"wechat_test_{uuid.uuid4().hex[:8]}")
        for name, (reply_timeout, push) in VARIANTS.items():
            env = api.rasa_env(reply_timeout=reply_timeout)
            if not push:
                env.pop("WECHAT_APP_SECRET")
            if push is None:
                env.pop("WECHAT_TOKEN")
            channel = WeChatInput(WeChatSettings.from_credentials({}, env))
            blueprint = channel.blueprint(assistant).copy(f"wechat_{name}")
            self.app.blueprint(blueprint, url_prefix=f"/{name}/webhooks/wechat")
        self.loop = asyncio.new_event_loop()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._ready = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()
        assert self._ready.wait(20), "the channel test server did not start"

    def _serve(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            self.app.create_server(sock=self.sock, return_asyncio_server=True, access_log=False))
        self.loop.run_until_complete(server.startup())
        self._ready.set()
        self.loop.run_forever()

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture(scope="module")
def stand_in():
    api = FakeWeChatApi().start()
    assistant = StandInAssistant()
    server = ChannelServer(api, assistant)
    yield server, api, assistant
    server.stop()
    api.stop()


@pytest.fixture
def channel_server(stand_in):
    server, api, assistant = stand_in

    def start(steps, variant="push"):
        assistant.steps, assistant.calls = steps, []
        return WeChatServer(f"{server.url}/{variant}", api), api, assistant

    return start


def test_without_the_token_the_channel_is_off(channel_server):
    wechat, api, assistant = channel_server([(0, "不该出现")], "off")
    assert requests.get(f"{wechat.base_url}/webhooks/wechat/", timeout=10).json() == {"status": "off"}
    r = wechat.post(wechat.text_xml(wechat.new_user(), "你好"))
    assert r.status_code == 404
    assert assistant.calls == []


def test_slow_answer_says_it_is_coming_then_sends_it(channel_server):
    wechat, api, assistant = channel_server([(1.0, "第一条"), (0.1, "第二条")])
    openid = wechat.new_user()
    reply = wechat.reply(wechat.post(wechat.text_xml(openid, "你好")))
    # answered at the reply timeout, before the assistant had said anything
    assert reply["Content"] == wechat_texts.STILL_THINKING
    assert api.texts_to(openid) == []
    assert api.wait_for_texts(openid, 2, timeout=10) == ["第一条", "第二条"]


def test_slow_answer_with_a_first_message_ready_sends_that_first(channel_server):
    wechat, api, assistant = channel_server([(0.0, "马上有的"), (1.0, "后来的")])
    openid = wechat.new_user()
    assert wechat.say(openid, "你好") == "马上有的"
    assert api.wait_for_texts(openid, 1, timeout=10) == ["后来的"]


def test_retry_while_the_first_try_is_still_running_gets_success(channel_server):
    wechat, api, assistant = channel_server([(1.5, "好了")], "push_patient")
    openid = wechat.new_user()
    xml = wechat.text_xml(openid, "你好")
    first = {}
    t = threading.Thread(target=lambda: first.update(r=wechat.post(xml)))
    t.start()
    time.sleep(0.4)
    retry = wechat.post(xml)  # WeChat's retry, while the first try waits for the assistant
    assert retry.status_code == 200 and retry.text == "success"
    t.join(10)
    assert wechat.reply(first["r"])["Content"] == "好了"
    assert wechat.reply(wechat.post(xml))["Content"] == "好了"  # later retries: the cached reply
    assert assistant.calls == ["你好"]


def test_a_refused_push_stops_the_rest_of_that_turn(channel_server):
    wechat, api, assistant = channel_server([(0, "一"), (0, "二"), (0, "三")])
    openid = wechat.new_user()
    api.refuse_openids.add(openid)
    assert wechat.say(openid, "你好") == "一"
    deadline = time.time() + 10
    while not api.sends_to(openid) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    # one try, refused: "三" is not sent into the same refusal
    assert [t["errcode"] for t in api.sends_to(openid)] == [45015]


def test_several_messages_without_the_api_go_in_one_reply(channel_server):
    wechat, api, assistant = channel_server([(0, "一"), (0, "二")], "no_push")
    openid = wechat.new_user()
    assert wechat.say(openid, "你好") == "一\n\n二"
    time.sleep(1)
    assert api.sends_to(openid) == []


def test_slow_answer_without_the_api_apologises(channel_server):
    wechat, api, assistant = channel_server([(1.0, "太晚了")], "no_push")
    assert wechat.say(wechat.new_user(), "你好") == wechat_texts.TOO_SLOW


def test_assistant_failure_gets_an_apology_not_a_crash(channel_server):
    wechat, api, assistant = channel_server([(0, RuntimeError("boom"))])
    openid = wechat.new_user()
    assert wechat.say(openid, "你好") == wechat_texts.FAILED
    assert wechat.say(openid, "再试") == wechat_texts.FAILED  # the server is still up


def test_slow_failure_is_pushed_as_an_apology(channel_server):
    wechat, api, assistant = channel_server([(1.0, RuntimeError("boom"))])
    openid = wechat.new_user()
    assert wechat.say(openid, "你好") == wechat_texts.STILL_THINKING
    assert api.wait_for_texts(openid, 1, timeout=10) == [wechat_texts.FAILED]


def test_a_returning_openid_is_welcomed_with_its_case(wechat, wechat_api):
    openid = wechat.new_user()
    wechat.say(openid, "买的连衣裙颜色和图片差太多了，花了299")
    wechat_api.wait_for_texts(openid, len(wechat.last_turn_bot_messages(openid)) - 1)
    back = wechat.say(openid, "你好，我又来了")
    assert back.startswith("欢迎回来") and "色差" in back and "299元" in back


def test_a_long_answer_reaches_wechat_in_pieces_within_its_limit(wechat, wechat_api):
    from storage.case_store import SQLCaseStore

    openid = wechat.new_user()
    store = SQLCaseStore()  # the servers' case file (CASES_DATABASE_URL of this test session)
    try:
        for n in range(12):  # a shopper with many cases: "我的案件" runs past 2,048 bytes
            case = store.open_case(openid, f"案件{n}")
            store.update(case.id, lambda c, n=n: (c.facts.update(dispute_type="quality", amount_yuan=100.0 + n,
                                                                 product_category="鞋", negotiation_rounds=2,
                                                                 seller_attitude="ignores"),
                                                  setattr(c, "evidence_missing", ("defect_video", "order_info"))))
    finally:
        store.engine.dispose()
    reply = wechat.say(openid, "我的案件")
    # Rasa sends each paragraph as its own message, the channel cuts any still over the limit
    # at line breaks: the first is the reply, the rest come as customer-service messages
    pushed = wechat_api.wait_for_texts(openid, 12)
    pieces = [reply] + pushed
    assert all(len(p.encode("utf-8")) <= 2048 for p in pieces)
    text = "\n".join(pieces)
    assert len(pieces) >= 2 and all(f"{100 + n}元" in text for n in range(12))
