"""ChineseTextNormalizer: clean up the user's text before the tokenizer sees it.

Traditional -> Simplified (OpenCC t2s), full-width letters and digits ->
half-width (Chinese punctuation such as ，。！？：；（） stays as it is),
control, zero-width and other invisible characters removed, whitespace runs
collapsed to one space (a comma between two Chinese characters), and the text capped at `max_chars` (default 1000,
the first part is kept). Put it first in the pipeline, before the tokenizer.

Training examples are rewritten the same way and their entity annotations
moved along with the text. The text as received stays under
`original_text` (not part of the parse output). Messages that start with "/"
(button payloads such as /inform{"x": "y"}) are left untouched. Never raises.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Dict, List, Sequence, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from advisor.text import WIDTH_TABLE, clause_spaces

logger = logging.getLogger(__name__)

_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
# punctuation that already ends a clause: a line break after it adds nothing
_ENDS_CLAUSE = re.compile(r"[，。！？；：,.!?;:、…~～）)】」』”]")

ORIGINAL_TEXT = "original_text"

def _load_converter(config_name: Text) -> Any:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        logger.warning("opencc is not installed: Traditional Chinese is not converted.")
        return None
    for name in (config_name, f"{config_name}.json"):
        try:
            return opencc.OpenCC(name)
        except Exception:  # the bindings differ in what they accept
            continue
    logger.warning(f"OpenCC could not load config '{config_name}': text is not converted.")
    return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class ChineseTextNormalizer(GraphComponent):
    """Rewrites message text: Simplified, half-width, clean, bounded."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # keep at most this many characters (after cleaning)
            "max_chars": 1000,
            # OpenCC conversion
            "opencc_config": "t2s",
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["opencc"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = {**self.get_default_config(), **(config or {})}
        try:
            self._max_chars = max(1, int(self._config["max_chars"]))
        except (TypeError, ValueError):
            self._max_chars = 1000
        self._converter = _load_converter(self._config["opencc_config"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ChineseTextNormalizer:
        return cls(config)

    # ----------------------------------------------------------- graph API
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_message(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._process_message(message)
        return training_data

    # ------------------------------------------------------------- helpers
    def normalize(self, text: Text) -> Text:
        """The normalised form of text ("" for anything that is not a string)."""
        if not isinstance(text, str):
            return ""
        try:
            return self._normalize(text)[0]
        except Exception:  # never break a conversation over cleaning
            logger.exception("ChineseTextNormalizer failed; text left as it was")
            return text[: self._max_chars]

    def _process_message(self, message: Message) -> None:
        try:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                return
            entities = message.get(ENTITIES) or []
            cuts = sorted(
                {
                    int(e[key])
                    for e in entities
                    for key in (ENTITY_ATTRIBUTE_START, ENTITY_ATTRIBUTE_END)
                    if isinstance(e, dict) and isinstance(e.get(key), int)
                }
            )
            new_text, position = self._normalize(text, cuts)
            if new_text == text:
                return
            message.set(ORIGINAL_TEXT, text)
            message.set(TEXT, new_text)
            if entities:
                message.set(ENTITIES, self._move_entities(entities, text, new_text, position))
        except Exception:
            logger.exception("ChineseTextNormalizer failed on a message; left as it was")

    @staticmethod
    def _move_entities(
        entities: List[Dict[Text, Any]], old: Text, new: Text, position: Any
    ) -> List[Dict[Text, Any]]:
        moved = []
        for e in entities:
            try:
                s, t = int(e[ENTITY_ATTRIBUTE_START]), int(e[ENTITY_ATTRIBUTE_END])
            except (KeyError, TypeError, ValueError):
                moved.append(e)
                continue
            ns, nt = position(s), position(t)
            if nt <= ns:
                continue  # the annotated text was removed (or cut off)
            e = dict(e)
            if e.get(ENTITY_ATTRIBUTE_VALUE) == old[s:t]:
                e[ENTITY_ATTRIBUTE_VALUE] = new[ns:nt]
            e[ENTITY_ATTRIBUTE_START], e[ENTITY_ATTRIBUTE_END] = ns, nt
            moved.append(e)
        return moved

    def _normalize(self, text: Text, cuts: Sequence[int] = ()) -> Tuple[Text, Any]:
        """Normalised text and a function mapping old offsets to new ones.

        The offset mapping is exact at the positions in `cuts` (entity
        boundaries): OpenCC converts the pieces between them separately.
        """
        # 1. character pass: invisible characters, width, whitespace
        out: List[str] = []
        step1 = [0] * (len(text) + 1)  # old offset -> offset in out
        length = 0
        spaced = False  # out[-1] stands for a run of whitespace
        for i, ch in enumerate(text):
            step1[i] = length
            if ch.isspace():
                if length and not spaced:
                    out.append(" ")
                    length += 1
                    spaced = True
                if spaced and ch in _LINE_BREAKS and out[-1] == " " and not _ENDS_CLAUSE.match(out[-2]):
                    out[-1] = "，"  # a pasted line ("实付款 ¥86.50\n尺码表上…") ends its clause
                continue
            cat = unicodedata.category(ch)
            if cat in ("Cc", "Cf", "Cs", "Zl", "Zp"):
                continue  # control, zero-width/format, lone surrogates
            cp = ord(ch)
            if cp in WIDTH_TABLE:
                ch = chr(WIDTH_TABLE[cp])
            out.append(ch)
            length += 1
            spaced = False
        step1[len(text)] = length
        if spaced:
            out.pop()
            length -= 1
        s1 = clause_spaces("".join(out))  # one character for one: offsets hold

        # 2. Traditional -> Simplified, piecewise between entity boundaries
        bounds = sorted({0, len(s1), *(min(step1[c], len(s1)) for c in cuts if 0 <= c <= len(text))})
        pieces, step2 = [], {}
        new_len = 0
        for a, b in zip(bounds, bounds[1:]):
            step2[a] = new_len
            piece = self._convert(s1[a:b])
            pieces.append(piece)
            new_len += len(piece)
        step2[len(s1)] = new_len
        s2 = "".join(pieces)
        same_length = len(s2) == len(s1)

        # 3. cap the length
        s3 = s2[: self._max_chars]
        cap = len(s3)

        def position(old: int) -> int:
            p1 = min(step1[max(0, min(old, len(text)))], len(s1))
            p2 = p1 if same_length else step2.get(p1, min(p1, len(s2)))
            return min(p2, cap)

        return s3, position

    def _convert(self, text: Text) -> Text:
        if not text or self._converter is None:
            return text
        try:
            converted = self._converter.convert(text)
        except Exception:
            return text
        return converted if isinstance(converted, str) else text
