"""Signed web-chat session ids (channels.socketio_sessions)."""
from channels.socketio_sessions import SessionSigner, looks_like_web_session


def test_issued_ids_are_valid_unique_and_bound_to_the_secret():
    signer = SessionSigner(b"secret-a")
    ids = {signer.new_id() for _ in range(200)}
    assert len(ids) == 200 and all(signer.valid(i) and looks_like_web_session(i) for i in ids)
    assert not any(SessionSigner(b"secret-b").valid(i) for i in ids)


def test_made_up_altered_or_malformed_ids_are_not_valid():
    signer = SessionSigner(b"secret")
    good = signer.new_id()
    altered = good[:5] + ("a" if good[5] != "a" else "b") + good[6:]
    for bad in (altered, "w-" + "0" * 32 + "-" + "0" * 24, "abc", "", None, 123, good + "x"):
        assert not signer.valid(bad)
