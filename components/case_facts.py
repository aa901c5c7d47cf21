"""CaseFactsExtractor: the facts of a shopping dispute, read with spaCy.

Keyword entities come from `knowledge/disputes.yml` (copied into the model at
training time, so a trained model does not need the file); number entities
are found with a character-level spaCy Matcher and read by `advisor.numbers`.
Uses spaCy's blank `zh` pipeline (character segmenter): no model download.

Entities (added to those already on the message):

==================  ===========  ============================================
entity              value type   from
==================  ===========  ============================================
amount              float        "299元", "花了299", "两百九十九块", "1.2万"
days                int          days since the goods arrived ("收到三天了")
negotiation_rounds  int          "沟通了三次", "好几次"
seller_attitude     str          seller_attitudes keys (one entity per key)
product_category    str          product_categories keys ("服装", ...)
urgent              bool True    signals.urgent
ruling_ignored      bool True    signals.ruling_ignored
legal_matter        bool True    signals.legal_matter
evidence            str          evidence_items ids the user already has
dispute_type        str          dispute_types codes
==================  ===========  ============================================

Values are emitted as read (negative or huge amounts too); the dialogue
validates them. Mentions after a negation ("没有聊天记录", "不是色差") are
skipped for dispute types, evidence, attitudes and signals (see
`advisor.mentions.is_negated`). Never raises.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
import rasa.shared.utils.io
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from advisor import numbers
from advisor.knowledge import DEFAULT_PATH, Knowledge, load_knowledge
from advisor.mentions import is_negated

logger = logging.getLogger(__name__)

AMOUNT = "amount"
DAYS = "days"
NEGOTIATION_ROUNDS = "negotiation_rounds"
SELLER_ATTITUDE = "seller_attitude"
PRODUCT_CATEGORY = "product_category"
EVIDENCE = "evidence"
DISPUTE_TYPE = "dispute_type"

# keyword groups whose mentions are dropped after a negation
_NEGATABLE = {DISPUTE_TYPE, EVIDENCE, SELLER_ATTITUDE, "urgent", "ruling_ignored", "legal_matter"}
_NUMERAL_KEY = "_numeral"
_NUMBER_WORD_KEY = "_number_word"
_FORMAT_VERSION = 1


def patterns_from_knowledge(knowledge: Knowledge) -> Dict[Text, Any]:
    """The keyword lists this component needs, as plain JSON-able data:
    {"keywords": {entity: {phrase: [value, ...]}}, "negations": [...]}."""
    groups: Dict[Text, Dict[Text, List[Any]]] = {}

    def add(entity: Text, phrases: Iterable[Text], value: Any) -> None:
        table = groups.setdefault(entity, {})
        for phrase in phrases:
            phrase = str(phrase).strip().lower()
            if phrase and value not in table.setdefault(phrase, []):
                table[phrase].append(value)

    for code, dispute in knowledge.dispute_types.items():
        add(DISPUTE_TYPE, dispute.keywords, code)
    for item_id, item in knowledge.evidence_items.items():
        add(EVIDENCE, item.keywords, item_id)
    for attitude, spec in knowledge.seller_attitudes.items():
        add(SELLER_ATTITUDE, (spec or {}).get("keywords") or (), attitude)
    for category, words in knowledge.product_categories.items():
        add(PRODUCT_CATEGORY, words, category)
    for signal, words in knowledge.signals.items():
        add(signal, words, True)
    return {
        "version": _FORMAT_VERSION,
        "keywords": groups,
        "negations": list(knowledge.negations),
    }


def _resolve(path: Optional[Text]) -> Path:
    if not path:
        return DEFAULT_PATH
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        beside_repo = DEFAULT_PATH.parent.parent / p
        if beside_repo.exists():
            return beside_repo
    return p


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True
)
class CaseFactsExtractor(GraphComponent, EntityExtractorMixin):
    """Extracts amount, days, rounds, attitude, category, signals, evidence and
    dispute type from a shopper's message."""

    PATTERNS_FILE = "case_facts_patterns.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # the knowledge file read at training time (None: the repo's
            # knowledge/disputes.yml); relative paths are tried against the
            # working directory, then the repo root
            "knowledge_path": None,
            # characters of a message that are looked at (the rest is ignored)
            "max_chars": 5000,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "cn2an"]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when the knowledge file changes, not only the config."""
        path = _resolve(config.get("knowledge_path"))
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        patterns: Optional[Dict[Text, Any]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **(config or {})}
        self._model_storage = model_storage
        self._resource = resource
        try:
            self._max_chars = max(1, int(self._config["max_chars"]))
        except (TypeError, ValueError):
            self._max_chars = 5000
        self._nlp = None
        self._set_patterns(patterns)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CaseFactsExtractor:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CaseFactsExtractor:
        try:
            with model_storage.read_from(resource) as directory:
                patterns = rasa.shared.utils.io.read_json_file(directory / cls.PATTERNS_FILE)
            return cls(config, model_storage, resource, patterns=patterns)
        except (ValueError, FileNotFoundError, OSError):
            rasa.shared.utils.io.raise_warning(
                f"{cls.__name__}: no patterns in the model; reading the knowledge file instead."
            )
            component = cls(config, model_storage, resource)
            component._set_patterns(component._read_knowledge())
            return component

    def train(self, training_data: TrainingData) -> Resource:
        """Copies the keyword lists from the knowledge file into the model."""
        self._set_patterns(self._read_knowledge())
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(
                directory / self.PATTERNS_FILE, self._patterns
            )

    def _read_knowledge(self) -> Dict[Text, Any]:
        path = _resolve(self._config.get("knowledge_path"))
        return patterns_from_knowledge(load_knowledge(path))

    # ---------------------------------------------------------- matchers
    def _set_patterns(self, patterns: Optional[Dict[Text, Any]]) -> None:
        """Builds the spaCy pipeline and matchers once, here, not per message."""
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        self._patterns = patterns or {"version": _FORMAT_VERSION, "keywords": {}, "negations": []}
        self._negations: Tuple[Text, ...] = tuple(self._patterns.get("negations") or ())
        self._keywords: Dict[Text, Dict[Text, List[Any]]] = {
            entity: {k.lower(): list(v) for k, v in table.items()}
            for entity, table in (self._patterns.get("keywords") or {}).items()
        }
        if self._nlp is None:
            self._nlp = spacy.blank("zh")  # character segmenter, nothing to download
        nlp = self._nlp
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entity, table in self._keywords.items():
            docs = [nlp.make_doc(phrase) for phrase in table]
            if docs:
                self._phrases.add(entity, docs)
        number_words = [nlp.make_doc(w) for w in numbers.LEXICON_WORDS]
        self._phrases.add(_NUMBER_WORD_KEY, number_words)
        # one token per character: a numeral character (runs are joined below,
        # a "+" pattern would be quadratic on long digit strings)
        self._numerals = Matcher(nlp.vocab)
        numeral_chars = list(numbers.NUMERAL_CHARS) + list("０１２３４５６７８９兩萬億幾")
        self._numerals.add(_NUMERAL_KEY, [[{"TEXT": {"IN": numeral_chars}}]])

    # ------------------------------------------------------------ process
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                text = message.get(TEXT)
                if not isinstance(text, str) or not text or text.startswith("/"):
                    continue
                found = self.add_extractor_name(self.extract(text))
                if found:
                    message.set(
                        ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True
                    )
            except Exception:
                logger.exception(f"{self.__class__.__name__} failed on a message; skipped")
        return messages

    def extract(self, text: Text) -> List[Dict[Text, Any]]:
        """The entities in text (without the extractor name), by position."""
        if not isinstance(text, str) or not text:
            return []
        text = text[: self._max_chars]
        doc = self._nlp.make_doc(text)
        strings = self._nlp.vocab.strings
        keyword_spans: Dict[Text, List[Any]] = {}
        number_words: List[int] = []
        for match_id, start, end in self._phrases(doc):
            key = strings[match_id]
            if key == _NUMBER_WORD_KEY:
                number_words.append(doc[start].idx)
            else:
                keyword_spans.setdefault(key, []).append(doc[start:end])
        entities: List[Dict[Text, Any]] = []
        entities.extend(self._keyword_entities(keyword_spans, text))
        entities.extend(self._number_entities(doc, text, number_words))
        entities.sort(key=lambda e: (e[ENTITY_ATTRIBUTE_START], e[ENTITY_ATTRIBUTE_TYPE]))
        return entities

    def _keyword_entities(
        self, by_entity: Dict[Text, List[Any]], text: Text
    ) -> List[Dict[Text, Any]]:
        from spacy.util import filter_spans

        kept = {entity: filter_spans(spans) for entity, spans in by_entity.items()}
        # "和图片颜色" names a colour difference; its 图片 is not a photo the user took
        others = [
            (s.start_char, s.end_char)
            for entity, spans in kept.items()
            if entity != EVIDENCE
            for s in spans
        ]
        out: List[Dict[Text, Any]] = []
        seen: Set[Tuple[Text, Any]] = set()
        for entity, spans in kept.items():
            for span in spans:
                a, b = span.start_char, span.end_char
                if entity == EVIDENCE and any(
                    x <= a and b <= y and (y - x) > (b - a) for x, y in others
                ):
                    continue
                if entity in _NEGATABLE and is_negated(text, a, b, self._negations):
                    continue
                for value in self._keywords.get(entity, {}).get(span.text.lower(), []):
                    if (entity, value) in seen:
                        continue
                    seen.add((entity, value))
                    out.append(_entity(entity, value, a, b))
        return out

    def _number_starts(self, doc: Any) -> List[int]:
        starts = []
        previous = -2
        for _, start, _ in self._numerals(doc):
            token = doc[start]
            if start != previous + 1 or doc[previous].whitespace_:
                starts.append(token.idx)
            previous = start
        return starts

    def _number_entities(
        self, doc: Any, text: Text, number_words: List[int]
    ) -> List[Dict[Text, Any]]:
        starts = self._number_starts(doc) + number_words
        if not starts:
            return []
        out: List[Dict[Text, Any]] = []
        for entity, finder, cast in (
            (AMOUNT, numbers.find_amounts, float),
            (DAYS, numbers.find_days, int),
            (NEGOTIATION_ROUNDS, numbers.find_counts, int),
        ):
            seen = set()
            for mention in finder(text, starts=starts):
                value = cast(mention.value)
                if value in seen:
                    continue
                seen.add(value)
                out.append(_entity(entity, value, mention.start, mention.end))
        return out


def _entity(entity: Text, value: Any, start: int, end: int) -> Dict[Text, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: entity,
        ENTITY_ATTRIBUTE_VALUE: value,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
    }
