"""The knowledge the actions use, loaded and checked once when the action server starts."""
from advisor.advice import check_rules
from advisor.knowledge import default_knowledge

KNOWLEDGE = default_knowledge()
check_rules(KNOWLEDGE)

# Below this NLU confidence a report_* intent alone does not set the dispute
# type (FallbackClassifier's threshold in config.yml is higher: between the
# two we keep a best guess and ask the user to confirm it).
INTENT_CONFIDENCE_THRESHOLD = 0.3
