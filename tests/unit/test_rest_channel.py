"""What the REST webhook accepts, checked without a server."""
import pytest

from channels.rest import MAX_SENDER_CHARS, request_problem


@pytest.mark.parametrize("body", [
    {"sender": "shopper-1", "message": "衣服起球了"},
    {"sender": "shopper-1", "message": ""},
    {"sender": "s", "message": "/affirm", "metadata": {"order_id": "123"}},
    {"sender": "s", "message": "你好", "metadata": None, "input_channel": "my-bot"},
])
def test_good_bodies_pass(body):
    assert request_problem(body) is None


@pytest.mark.parametrize("body, word", [
    ([], "JSON object"),
    ("text", "JSON object"),
    (None, "JSON object"),
    ({"message": "你好"}, "sender"),
    ({"sender": "", "message": "你好"}, "sender"),
    ({"sender": "   ", "message": "你好"}, "sender"),
    ({"sender": 42, "message": "你好"}, "sender"),
    ({"sender": "x" * (MAX_SENDER_CHARS + 1), "message": "你好"}, "at most"),
    ({"sender": "s"}, "message"),
    ({"sender": "s", "message": 299}, "message"),
    ({"sender": "s", "message": ["a"]}, "message"),
    ({"sender": "s", "message": "hi", "metadata": "x"}, "metadata"),
    ({"sender": "s", "message": "hi", "metadata": [1]}, "metadata"),
    ({"sender": "s", "message": "hi", "input_channel": 3}, "input_channel"),
])
def test_bad_bodies_get_a_reason(body, word):
    problem = request_problem(body)
    assert problem is not None and word in problem
