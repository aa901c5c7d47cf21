"""The REST webhook as a bot that embeds the assistant sees it."""
import uuid

import pytest
import requests


def post(servers, body=None, data=None):
    return requests.post(f"{servers}/webhooks/rest/webhook", json=body, data=data,
                         headers={"Content-Type": "application/json"}, timeout=60)


def test_answer_is_a_list_of_messages_with_buttons(servers):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    r = post(servers, {"sender": sender, "message": "买的裙子颜色和图片差太多了"})
    assert r.status_code == 200
    messages = r.json()
    assert all(m["recipient_id"] == sender for m in messages)
    asked = [m for m in messages if m.get("buttons")]
    assert asked, messages
    assert {"title", "payload"} <= set(asked[0]["buttons"][0])
    # a tap on a button is its payload sent back as the next message
    r = post(servers, {"sender": sender, "message": asked[0]["buttons"][0]["payload"]})
    assert r.status_code == 200 and r.json()


def test_metadata_is_kept_with_the_user_message(servers):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    r = post(servers, {"sender": sender, "message": "你好", "metadata": {"order_id": "T-1001"}})
    assert r.status_code == 200
    tracker = requests.get(f"{servers}/conversations/{sender}/tracker", timeout=30).json()
    assert tracker["latest_message"]["metadata"] == {"order_id": "T-1001"}


@pytest.mark.parametrize("body", [
    [],
    {"message": "你好"},
    {"sender": "", "message": "你好"},
    {"sender": "s-1", "message": 299},
    {"sender": "s-1"},
    {"sender": "s-1", "message": "你好", "metadata": "order 1"},
])
def test_bad_bodies_get_400_with_a_reason(servers, body):
    r = post(servers, body)
    assert r.status_code == 400
    assert r.json()["error"] == "bad_request" and r.json()["reason"]


def test_body_that_is_not_json_gets_400(servers):
    r = post(servers, data=b"sender=me&message=hi")
    assert r.status_code == 400
    assert "JSON" in r.json()["reason"]


def test_missing_sender_does_not_reach_the_shared_default_conversation(servers):
    post(servers, {"message": "衣服起球了"})
    tracker = requests.get(f"{servers}/conversations/default/tracker", timeout=30).json()
    assert not [e for e in tracker["events"] if e["event"] == "user"]
