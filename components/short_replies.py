"""ShortReplyClassifier: "对" / "有" / "没有" always mean yes or no.

One- and two-character answers carry too few features for the intent classifier to be sure
of them (it gave "对" 0.42), yet they answer most of our questions. Listed
replies get their intent with confidence 1.0; everything else is left to
the classifier. Place it after the intent classifier and before FallbackClassifier.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

# punctuation, spaces, emoji and tildes around a short reply don't change it
_STRIP = re.compile(r"[\s\W_～~]+", re.UNICODE)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ShortReplyClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # intent -> exact replies (after stripping punctuation, case-folded)
        return {"replies": {}}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._lookup = {
            self.key(reply): intent
            for intent, replies in (config.get("replies") or {}).items()
            for reply in replies
        }

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ShortReplyClassifier":
        return cls(config)

    @staticmethod
    def key(text: Text) -> Text:
        return _STRIP.sub("", text or "").casefold()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = self._lookup.get(self.key(text)) if not text.startswith("/") else None
            if intent is None:
                continue
            message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(
                INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking, add_to_output=True
            )
        return messages
