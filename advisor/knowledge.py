"""Load and validate `knowledge/disputes.yml`, the one file of domain knowledge.

Validation runs once at start-up (action server, NLU training) so a typo in
the file stops the service with a clear message instead of a wrong answer
in the middle of a conversation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "disputes.yml"

DISPUTE_CODES = (
    "quality",
    "color_difference",
    "size",
    "allergy",
    "fraud",
    "logistics",
    "refund_refused",
    "false_advertising",
)
RECOMMENDATIONS = ("negotiate", "intervene", "external")
ATTITUDES = ("not_contacted", "cooperative", "refuses", "ignores", "shifts_blame")
SIGNALS = ("urgent", "legal_matter")
PLATFORM_STATUSES = (
    "not_applied",
    "applied_waiting",
    "ruled_for_buyer_not_honoured",
    "ruled_against_buyer",
)
# The facts the assistant may wait for (slot `requested_slot`), in asking order.
QUESTION_SLOTS = (
    "dispute_type",
    "amount_yuan",
    "goods_received",
    "paid_off_platform",
    "seller_attitude",
    "negotiation_rounds",
    "platform_status",
    "evidence_item",
)
EVIDENCE_KINDS = ("photo", "video", "screenshot", "document")
# The phrases replies are built from (knowledge file, `phrases`).
PHRASES = (
    "acknowledge", "noted_first", "noted", "fact_product", "fact_amount", "fact_amount_withheld",
    "fact_received_today", "fact_days", "fact_not_received", "fact_paid_off_platform",
    "fact_not_contacted", "fact_attitude", "fact_rounds", "fact_urgent", "fact_legal", "fact_wants",
    "fact_evidence_have", "fact_evidence_missing", "platform_status", "wants", "checklist_title",
    "checklist_have", "checklist_missing", "checklist_some_missing", "checklist_complete",
    "advice_title", "advice_reasons", "advice_steps", "advice_notes", "advice_closing",
    "advice_changed", "advice_updated", "advice_unchanged", "more_questions", "faq_buttons", "help",
    "bad_amount_negative", "bad_amount_huge", "bad_days", "bad_days_long", "bad_rounds", "too_fast",
    "faq_said_before",
)
SITUATIONS = ("presale_question", "no_claim", "dislike_return", "out_of_scope", "english_only", "unclear", "start_over",
              "greet", "goodbye", "thank", "human_handoff")


class KnowledgeError(ValueError):
    """The knowledge file is missing something the assistant relies on."""


@dataclass(frozen=True)
class EvidenceItem:
    id: str
    name: str
    why: str
    how: str
    keywords: Tuple[str, ...]
    kind: str = "document"
    when: str = ""  # a condition of `evidence_conditions`; "" = always
    answer_keywords: Tuple[str, ...] = ()  # read only as an answer to the evidence question
    gone_keywords: Tuple[str, ...] = ()  # words that say it is gone ("给扔了"): missing


@dataclass(frozen=True)
class Question:
    slot: str
    ask: Tuple[str, ...]  # first wording, then the other ways of asking
    words: Mapping[str, Tuple[str, ...]]  # yes / no / skip / all_have / none_have
    buttons: Tuple[Tuple[str, str], ...] = ()  # (title, payload)


@dataclass(frozen=True)
class DisputeType:
    code: str
    name: str
    covers: str
    evidence: Tuple[str, ...]
    keywords: Tuple[str, ...]
    weak_evidence_note: str = ""
    safety_first: str = ""
    statement: str = ""  # the problem in one neutral clause, for the ready texts
    english_name: str = ""  # "a colour difference": said back to a message with no Chinese
    english_keywords: Tuple[str, ...] = ()
    decisive: Tuple[str, ...] = ()  # words that settle this type whatever else is named
    goods_in_hand: bool = False  # the problem is seen on the goods, so they arrived


# where a case stands (advisor.case_file.STATUSES; repeated here to check the knowledge file)
CASE_STATUSES = ("open", "applied", "waiting_ruling", "resolved", "closed")
PRIVACY_KEYS = ("notice", "sensitive", "erase_confirm", "erase_buttons", "erase_no", "erase_yes", "erased", "erase_kept")

SOURCE_KINDS = ("article", "law", "authority", "platform_rule")


@dataclass(frozen=True)
class Source:
    id: str
    kind: str  # article / law / authority / platform_rule
    cite: str  # the full citation
    in_text: str = ""  # what an answer resting on it must say (a law's article, "平台当前规则")


@dataclass(frozen=True)
class Knowledge:
    dispute_types: Mapping[str, DisputeType]
    evidence_items: Mapping[str, EvidenceItem]
    seller_attitudes: Mapping[str, Mapping[str, Any]]
    signals: Mapping[str, Tuple[str, ...]]
    product_categories: Mapping[str, Tuple[str, ...]]
    negations: Tuple[str, ...]
    advice: Mapping[str, Any]
    faq: Mapping[str, str]
    faq_sources: Mapping[str, Tuple[str, ...]]
    faq_cues: Mapping[str, Tuple[str, ...]]
    faq_topics: Mapping[str, Tuple[str, ...]]
    sources: Mapping[str, Source]
    case_facts: Mapping[str, Mapping[str, Tuple[str, ...]]]
    questions: Mapping[str, Question]
    evidence_kinds: Mapping[str, Tuple[str, ...]]
    stated_kinds: Mapping[str, Tuple[str, ...]]  # generic words a report may state evidence in
    evidence_conditions: Tuple[str, ...]
    situations: Mapping[str, str]
    situation_cues: Mapping[str, Tuple[str, ...]]
    phrases: Mapping[str, Any]
    negations_english: Tuple[str, ...] = ()
    not_goods_subjects: Tuple[str, ...] = ()  # "优惠券用不了": a problem word after these names no type
    not_type_words: Tuple[str, ...] = ()  # "退款还没到账": longer words that hide a type word inside them
    colour_words: Tuple[str, ...] = ()  # two of these set against each other name a colour difference
    help_cues: Tuple[str, ...] = ()  # "你能帮我写投诉吗": a question about the assistant itself
    offline_subjects: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)  # situation -> words
    online_order_words: Tuple[str, ...] = ()  # an online order spoken of: offline_subjects don't count
    report_markers: Tuple[str, ...] = ()  # a question with none of these is asked before buying
    not_bought_yet: Tuple[str, ...] = ()  # "这回还没下单": a question then is asked before buying
    goods_arrived_words: Tuple[str, ...] = ()  # "收到", "到手": the goods came (no presale then)
    own_mistakes: Tuple[str, ...] = ()  # "码数拍错了": the shopper's own mistake, a no-reason return
    return_under_way: Tuple[str, ...] = ()  # "已经退货了": a refusal then is the dispute itself
    sent_back: Tuple[str, ...] = ()  # "按他给的地址寄回去了": the goods went back, the refund is the dispute
    # "两只猫吃完都吐了": a pet made ill is a fault of the goods, not an allergy, unless a person
    # reacted too (people) or someone calls it an allergy (knowledge file: pet_reactions)
    pets: Tuple[str, ...] = ()
    people_reacting: Tuple[str, ...] = ()
    named_type_wins: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)  # named type -> guesses it beats
    complaint_cues: Tuple[str, ...] = ()  # "被坑了", "有没有人管管": a problem to ask about, not a FAQ
    help_openers: Tuple[str, ...] = ()  # "在吗，有个事想问问你": asks for help, says nothing yet
    just_saying: Tuple[str, ...] = ()  # "随口吐槽一句": a remark, not a claim
    nothing_wanted: Tuple[str, ...] = ()  # "也不用退啥 就是提醒一下": nothing claimed, whoever is named
    service_requests: Tuple[str, ...] = ()  # "发票怎么开": a request about an order with nothing wrong
    waved_off: Tuple[str, ...] = ()  # "快递慢了我都懒得计较": a problem named, not claimed
    not_stance_words: Tuple[str, ...] = ()  # "我不管什么时候看": hold a stance word, say no stance
    # stance -> cues in a reported seller answer ("说不支持无理由"); otherwise an excuse
    seller_said_cues: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    dont_know: Tuple[str, ...] = ()  # "不太清楚": an answer that skips the open question
    corrections: Tuple[str, ...] = ()  # "刚才说错了": what follows replaces a fact said before
    type_corrections: Tuple[str, ...] = ()  # "你理解错了 …是码不对": the problem named before taken back
    news_cues: Tuple[str, ...] = ()  # "刚刚商家把申请驳回了": something that just happened
    # a day close at hand, then what the goods are needed for ("后天面试要穿"): urgent
    urgent_soon: Tuple[str, ...] = ()
    urgent_events: Tuple[str, ...] = ()
    seller_words: Tuple[str, ...] = ()  # 客服, 卖家, …: who speaks for the seller
    read_as: Mapping[str, str] = field(default_factory=dict)  # slang spelling -> the word it is ("木有" -> "没有")
    initials: Mapping[str, str] = field(default_factory=dict)  # pinyin initials -> the word ("tk" -> "退款")
    privacy: Mapping[str, Any] = field(default_factory=dict)  # notices and the erase exchange
    ready_texts: Mapping[str, Any] = field(default_factory=dict)  # templates the shopper copies
    case_file: Mapping[str, Any] = field(default_factory=dict)  # how a kept case is told back

    def evidence_for(self, code: str) -> List[EvidenceItem]:
        return [self.evidence_items[i] for i in self.dispute_types[code].evidence]


def _require(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in mapping or mapping[key] in (None, "", [], {}):
        raise KnowledgeError(f"{where}: '{key}' is missing or empty")
    return mapping[key]


def _unfold(text: str) -> str:
    """YAML folds long lines with a space; Chinese text wants none between characters."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text.strip())


def parse_knowledge(raw: Mapping[str, Any]) -> Knowledge:
    """Build a validated Knowledge from the file's parsed YAML."""
    types_raw = _require(raw, "dispute_types", "knowledge")
    missing = [c for c in DISPUTE_CODES if c not in types_raw]
    extra = [c for c in types_raw if c not in DISPUTE_CODES]
    if missing or extra:
        raise KnowledgeError(f"dispute_types: missing {missing}, unknown {extra}")

    items: Dict[str, EvidenceItem] = {}
    for item_id, item in _require(raw, "evidence_items", "knowledge").items():
        where = f"evidence_items.{item_id}"
        items[item_id] = EvidenceItem(
            id=item_id,
            name=_require(item, "name", where),
            why=_require(item, "why", where),
            how=_require(item, "how", where),
            keywords=tuple(item.get("keywords") or ()),
            kind=_require(item, "kind", where),
            when=item.get("when") or "",
            answer_keywords=tuple(item.get("answer_keywords") or ()),
            gone_keywords=tuple(item.get("gone_keywords") or ()),
        )
        if items[item_id].kind not in EVIDENCE_KINDS:
            raise KnowledgeError(f"{where}.kind must be one of {EVIDENCE_KINDS}")
    conditions = tuple(_require(raw, "evidence_conditions", "knowledge"))
    for item in items.values():
        if item.when and item.when not in conditions:
            raise KnowledgeError(f"evidence_items.{item.id}.when: unknown condition {item.when!r}")

    types: Dict[str, DisputeType] = {}
    for code in DISPUTE_CODES:
        t = types_raw[code]
        where = f"dispute_types.{code}"
        evidence = tuple(_require(t, "evidence", where))
        unknown = [i for i in evidence if i not in items]
        if unknown:
            raise KnowledgeError(f"{where}.evidence: unknown items {unknown}")
        english = _require(t, "english", where)
        types[code] = DisputeType(
            code=code,
            name=_require(t, "name", where),
            covers=_require(t, "covers", where),
            evidence=evidence,
            keywords=tuple(_require(t, "keywords", where)),
            weak_evidence_note=t.get("weak_evidence_note", ""),
            safety_first=t.get("safety_first", ""),
            statement=_require(t, "statement", where),
            english_name=_require(english, "name", f"{where}.english"),
            english_keywords=tuple(_require(english, "keywords", f"{where}.english")),
            decisive=tuple(t.get("decisive") or ()),
            goods_in_hand=bool(t.get("goods_in_hand", False)),
        )

    attitudes = _require(raw, "seller_attitudes", "knowledge")
    if sorted(attitudes) != sorted(ATTITUDES):
        raise KnowledgeError(f"seller_attitudes must be exactly {ATTITUDES}")
    signals = _require(raw, "signals", "knowledge")
    if sorted(signals) != sorted(SIGNALS):
        raise KnowledgeError(f"signals must be exactly {SIGNALS}")

    advice = _require(raw, "advice", "knowledge")
    recs = _require(advice, "recommendations", "advice")
    if sorted(recs) != sorted(RECOMMENDATIONS):
        raise KnowledgeError(f"advice.recommendations must be exactly {RECOMMENDATIONS}")
    for name, rec in recs.items():
        for step in list(rec.get("steps") or ()) + list((rec.get("when_applied") or {}).get("steps") or ()):
            if not isinstance(step, str) and not (isinstance(step, dict) and isinstance(step.get("text"), str)
                                                  and step.get("when")):
                raise KnowledgeError(f"advice.recommendations.{name}: a step is a text or {{text, when}}: {step}")
        if not any(isinstance(s, str) for s in rec.get("steps") or ()):
            raise KnowledgeError(f"advice.recommendations.{name}: needs a step without `when`")
    for rule in _require(advice, "rules", "advice"):
        if rule.get("recommend") not in RECOMMENDATIONS:
            raise KnowledgeError(f"advice.rules: bad recommend in {rule}")

    case_facts = {
        fact: {str(value): tuple(words) for value, words in table.items()}
        for fact, table in _require(raw, "case_facts", "knowledge").items()
    }
    bad = [v for v in case_facts.get("platform_status", {}) if v not in PLATFORM_STATUSES]
    if bad or sorted(case_facts) != ["case_end", "goods_received", "paid_off_platform", "platform_status", "wants"]:
        raise KnowledgeError(f"case_facts: unexpected facts or platform statuses {bad}")
    if sorted(case_facts["case_end"]) != ["closed", "resolved"]:
        raise KnowledgeError("case_facts.case_end names the statuses a case ends in: resolved, closed")
    questions: Dict[str, Question] = {}
    for slot, spec in _require(raw, "questions", "knowledge").items():
        if slot not in QUESTION_SLOTS:
            raise KnowledgeError(f"questions.{slot}: not a slot the assistant asks for {QUESTION_SLOTS}")
        ask = tuple(_unfold(a) for a in _require(spec, "ask", f"questions.{slot}"))
        if len(ask) < 3 or len(set(ask)) != len(ask):
            raise KnowledgeError(f"questions.{slot}.ask: needs three different wordings")
        words = {str(k): tuple(v) for k, v in spec.items() if k not in ("ask", "buttons")}
        buttons = tuple((str(t), str(p)) for t, p in spec.get("buttons") or ())
        questions[slot] = Question(slot=slot, ask=ask, words=words, buttons=buttons)
    missing_q = [q for q in QUESTION_SLOTS if q not in questions]
    if missing_q:
        raise KnowledgeError(f"questions: missing {missing_q}")
    kinds = {k: tuple(v) for k, v in _require(raw, "evidence_kinds", "knowledge").items()}
    if sorted(kinds) != sorted(EVIDENCE_KINDS):
        raise KnowledgeError(f"evidence_kinds must be exactly {EVIDENCE_KINDS}")
    stated_kinds = {k: tuple(v) for k, v in _require(raw, "stated_kinds", "knowledge").items()}
    if not set(stated_kinds) <= set(EVIDENCE_KINDS):
        raise KnowledgeError(f"stated_kinds: kinds must be among {EVIDENCE_KINDS}")
    situations = {k: _unfold(v) for k, v in _require(raw, "situations", "knowledge").items()}
    if sorted(situations) != sorted(SITUATIONS):
        raise KnowledgeError(f"situations must be exactly {SITUATIONS}")

    cues = {k: tuple(v) for k, v in (raw.get("situation_cues") or {}).items()}
    if set(cues) - set(SITUATIONS):
        raise KnowledgeError(f"situation_cues: unknown situations {sorted(set(cues) - set(SITUATIONS))}")
    wins = raw.get("named_type_wins") or {}
    bad = sorted({c for t, v in wins.items() for c in [t, *v]} - set(DISPUTE_CODES))
    if bad:
        raise KnowledgeError(f"named_type_wins: unknown dispute types {bad}")

    offline = {k: tuple(v or ()) for k, v in (raw.get("offline_subjects") or {}).items()}
    if set(offline) - set(SITUATIONS):
        raise KnowledgeError(f"offline_subjects: unknown situations {sorted(set(offline) - set(SITUATIONS))}")
    if offline and not raw.get("online_order_words"):
        raise KnowledgeError("offline_subjects needs online_order_words")

    read_as = {str(a): str(b) for a, b in (raw.get("read_as") or {}).items()}
    initials = {str(a).lower(): str(b) for a, b in (raw.get("initials") or {}).items()}
    if any(len(a) != len(b) for a, b in initials.items()):
        raise KnowledgeError("initials: each must have as many characters as its word")
    if any(len(a) != len(b) for a, b in read_as.items()):
        raise KnowledgeError("read_as: each spelling must have as many characters as its word")

    sources = _parse_sources(_require(raw, "sources", "knowledge"))
    faq_raw = dict(_require(raw, "faq", "knowledge"))
    faq_cues = {intent: tuple(str(w) for w in words) for intent, words in (faq_raw.pop("cues", None) or {}).items()}
    faq_topics = {intent: tuple(str(w).lower() for w in words)
                  for intent, words in (faq_raw.pop("topics", None) or {}).items()}
    if set(faq_topics) - set(faq_raw):
        raise KnowledgeError(f"faq.topics: unknown questions {sorted(set(faq_topics) - set(faq_raw))}")
    faq = {intent: _unfold(_require(e, "answer", f"faq.{intent}")) for intent, e in faq_raw.items()}
    faq_sources = {intent: tuple(_require(e, "source", f"faq.{intent}")) for intent, e in faq_raw.items()}
    if set(faq_cues) - set(faq):
        raise KnowledgeError(f"faq.cues: unknown questions {sorted(set(faq_cues) - set(faq))}")
    for intent, ids in faq_sources.items():
        _check_cited(sources, ids, faq[intent], f"faq.{intent}")
    for w in advice.get("warnings") or []:
        _check_cited(sources, tuple(_require(w, "source", f"advice.warnings {w.get('when')}")),
                     w.get("text", ""), f"advice.warnings {w.get('when')}")

    # a situation reply may carry a FAQ answer ("{ask_no_reason_return}") instead of repeating its facts
    for name, text in situations.items():
        for intent in re.findall(r"\{(ask_\w+)\}", text):
            if intent not in faq:
                raise KnowledgeError(f"situations.{name}: unknown FAQ answer {{{intent}}}")
            text = text.replace("{" + intent + "}", faq[intent])
        situations[name] = text

    phrases = _require(raw, "phrases", "knowledge")
    missing_p = [p for p in PHRASES if p not in phrases]
    if missing_p:
        raise KnowledgeError(f"phrases: missing {missing_p}")

    privacy = dict(_require(raw, "privacy", "knowledge"))
    for key in PRIVACY_KEYS:
        _require(privacy, key, "privacy")
    privacy["erase_buttons"] = tuple((b["title"], b["payload"]) for b in privacy["erase_buttons"])

    ready_texts = dict(_require(raw, "ready_texts", "knowledge"))
    from advisor.ready_texts import check_templates  # the fields a template may name

    check_templates(ready_texts)

    case_file = dict(_require(raw, "case_file", "knowledge"))
    if sorted(case_file.get("statuses") or {}) != sorted(CASE_STATUSES):
        raise KnowledgeError(f"case_file.statuses must name exactly {CASE_STATUSES}")

    return Knowledge(
        case_file=case_file,
        ready_texts=ready_texts,
        privacy=privacy,
        phrases=phrases,
        situation_cues=cues,
        case_facts=case_facts,
        questions=questions,
        evidence_kinds=kinds,
        stated_kinds=stated_kinds,
        evidence_conditions=conditions,
        situations=situations,
        dispute_types=types,
        evidence_items=items,
        seller_attitudes=attitudes,
        signals={k: tuple(v) for k, v in signals.items()},
        product_categories={
            k: tuple(v) for k, v in _require(raw, "product_categories", "knowledge").items()
        },
        negations=tuple(_require(raw, "negations", "knowledge")),
        negations_english=tuple(_require(raw, "negations_english", "knowledge")),
        not_goods_subjects=tuple(_require(raw, "not_goods_subjects", "knowledge")),
        not_type_words=tuple(raw.get("not_type_words") or ()),
        colour_words=tuple(raw.get("colour_words") or ()),
        help_cues=tuple(raw.get("help_cues") or ()),
        offline_subjects=offline,
        online_order_words=tuple(raw.get("online_order_words") or ()),
        report_markers=tuple(raw.get("report_markers") or ()),
        not_bought_yet=tuple(raw.get("not_bought_yet") or ()),
        goods_arrived_words=tuple(raw.get("goods_arrived_words") or ()),
        own_mistakes=tuple(raw.get("own_mistakes") or ()),
        return_under_way=tuple(raw.get("return_under_way") or ()),
        sent_back=tuple(raw.get("sent_back") or ()),
        pets=tuple((raw.get("pet_reactions") or {}).get("pets") or ()),
        people_reacting=tuple((raw.get("pet_reactions") or {}).get("people") or ()),
        named_type_wins={t: tuple(v) for t, v in (raw.get("named_type_wins") or {}).items()},
        complaint_cues=tuple(raw.get("complaint_cues") or ()),
        help_openers=tuple(raw.get("help_openers") or ()),
        just_saying=tuple(raw.get("just_saying") or ()),
        nothing_wanted=tuple(raw.get("nothing_wanted") or ()),
        service_requests=tuple(raw.get("service_requests") or ()),
        waved_off=tuple(raw.get("waved_off") or ()),
        not_stance_words=tuple(raw.get("not_stance_words") or ()),
        seller_said_cues={k: tuple(v) for k, v in (raw.get("seller_said_cues") or {}).items()},
        dont_know=tuple(raw.get("dont_know") or ()),
        corrections=tuple(raw.get("corrections") or ()),
        type_corrections=tuple(raw.get("type_corrections") or ()),
        news_cues=tuple(raw.get("news_cues") or ()),
        urgent_soon=tuple((raw.get("urgent_events") or {}).get("soon") or ()),
        urgent_events=tuple((raw.get("urgent_events") or {}).get("events") or ()),
        seller_words=tuple(raw.get("seller_words") or ()),
        read_as=read_as,
        initials=initials,
        advice=advice,
        faq=faq,
        faq_sources=faq_sources,
        faq_cues=faq_cues,
        faq_topics=faq_topics,
        sources=sources,
    )


def _parse_sources(raw: Mapping[str, Any]) -> Dict[str, Source]:
    out: Dict[str, Source] = {}
    for sid, spec in raw.items():
        where = f"sources.{sid}"
        kind = _require(spec, "kind", where)
        if kind not in SOURCE_KINDS:
            raise KnowledgeError(f"{where}.kind must be one of {SOURCE_KINDS}")
        if kind in ("law", "platform_rule") and not spec.get("in_text"):
            raise KnowledgeError(f"{where}: a {kind} needs `in_text`, the words an answer citing it must say")
        out[sid] = Source(id=sid, kind=kind, cite=_require(spec, "cite", where), in_text=spec.get("in_text", ""))
    return out


def _check_cited(sources: Mapping[str, Source], ids: Tuple[str, ...], text: str, where: str) -> None:
    """Each entry names known sources, and says in its own text the laws and platform rules it rests on."""
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise KnowledgeError(f"{where}: unknown sources {unknown}")
    unsaid = [sources[i].in_text for i in ids if sources[i].in_text and sources[i].in_text not in _unfold(text)]
    if unsaid:
        raise KnowledgeError(f"{where}: rests on {unsaid} but its text does not say so")


def load_knowledge(path: Path | str = DEFAULT_PATH) -> Knowledge:
    with open(path, encoding="utf-8") as f:
        return parse_knowledge(yaml.safe_load(f))


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The knowledge file next to the code, loaded once per process."""
    return load_knowledge(DEFAULT_PATH)
