#!/usr/bin/env bash
# `rasa data validate`, failing on errors and on every warning but one known
# false positive: Rasa 3.6 reports its own default responses (utter_default,
# utter_restart) as "not used" when a project defines none.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(.venv/bin/rasa data validate 2>&1); status=$?
echo "$out" | grep -E "rasa.validator|UserWarning|ERROR" | sed 's/\x1b\[[0-9;]*m//g'
[ $status -eq 0 ] || { echo "rasa data validate failed"; exit 1; }
unexpected=$(echo "$out" | grep "UserWarning" \
  | grep -vE "The utterance '(utter_ask_[a-z_]+|utter_default|utter_restart)' is not used in any story or rule")
if [ -n "$unexpected" ]; then
  echo "rasa data validate: unexpected warnings (see above)"; exit 1
fi
echo "rasa data validate: clean"
