"""Print the knowledge file as Markdown tables (dispute types, evidence, advice rules).

The docs read the knowledge file instead of repeating it: `make knowledge`.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor.knowledge import default_knowledge  # noqa: E402


def main() -> None:
    k = default_knowledge()
    print("## Dispute types (slot `dispute_type`)\n")
    print("| code | 名称 | covers | evidence, in the order asked |")
    print("|---|---|---|---|")
    for code, t in k.dispute_types.items():
        items = "、".join(k.evidence_items[i].name for i in t.evidence)
        print(f"| `{code}` | {t.name} | {t.covers} | {items} |")
    print("\n## Advice rules (first matching recommendation wins)\n")
    print("| when | recommend | reason |")
    print("|---|---|---|")
    for r in k.advice["rules"]:
        print(f"| `{r['when']}` | `{r['recommend']}` | {r['reason']} |")
    print("\n## Thresholds\n")
    for key, value in k.advice.items():
        if not isinstance(value, (list, dict)):
            print(f"- `{key}`: {value}")


if __name__ == "__main__":
    main()
