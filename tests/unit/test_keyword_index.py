"""The fact reader's keyword search (advisor.facts._hits) looks only at the words whose first
character is in the message. It must find exactly what a search word by word finds: the
same mentions, values and order, on every table the reader uses and on real message shapes."""
import random


from advisor.facts import _hits
from advisor.knowledge import default_knowledge
from advisor.mentions import is_negated
from scripts.shoppers import load_dev

K = default_knowledge()


def word_by_word(text, table, negations):
    """The search as it was: every word of the table, found with str.find."""
    found = []
    for value, words in table.items():
        for w in words:
            w = w.lower()
            if not w:
                continue
            i = text.find(w)
            while i >= 0:
                found.append((i, i + len(w), value))
                i = text.find(w, i + 1)
    found.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken, out = [], []
    for a, b, value in found:
        if any(a < y and x < b and (a, b) != (x, y) for x, y in taken):
            continue
        taken.append((a, b))
        out.append((a, b, value, is_negated(text, a, b, negations)))
    return sorted(out, key=lambda h: h[0])


def tables():
    yield {code: t.keywords for code, t in K.dispute_types.items()}
    yield {code: (spec or {}).get("keywords") or () for code, spec in K.seller_attitudes.items()}
    yield {i: item.keywords for i, item in K.evidence_items.items()}
    yield K.case_facts["platform_status"]
    yield K.product_categories
    yield {True: ["签收", "签收了", "签收了", "收到"], False: ["没收到", "收到"]}  # one word, two values; a duplicate


def test_the_index_finds_what_a_word_by_word_search_finds():
    texts = []
    for s in load_dev()[::7]:
        texts.append(s["first"].lower())
        texts += [t.lower() for t in (s.get("replies") or {}).values()]
    rng = random.Random(36)
    texts += ["".join(rng.sample(t, len(t))) for t in texts[:100]]  # the same characters, shuffled
    assert len(texts) > 900
    compared = 0
    for table in tables():
        for text in texts:
            got = [(h.start, h.end, h.value, h.negated) for h in _hits(text, table, K.negations)]
            assert got == word_by_word(text, table, K.negations), text
            compared += bool(got)
    assert compared > 500  # many messages mention something in some table
