"""Starting points for new articles, one per kind of answer staff write."""

from __future__ import annotations

import datetime as dt
import re

from kb_app.editing import set_fields

TEMPLATES: dict[str, str] = {
    "FAQ answer": """# {title}

Answer the question in the first paragraph, in words an agent can read out.

## Details

- What applies, with numbers (days, prices, limits).
- Exceptions.

## Related

- [Another article](other-article.md)
""",
    "How-to": """# {title}

What this achieves and what the customer needs before starting.

## Steps

1. First step, with the exact menu or button name.
2. Second step.
3. How the customer knows it worked.

::: internal
Notes for agents: common mistakes, what to check in the back office.
:::
""",
    "Troubleshooting": """# {title}

## Symptoms

- What the customer sees or says.

## Checks

1. The quickest check first.
2. The next one.

## Fix

What to do for each cause.

## When to escalate

::: internal
Who to transfer to, with the extension and the code to use.
:::
""",
    "Complaint playbook": """# {title}

## What the customer says

- "A typical sentence from a customer."

## What to answer

1. Acknowledge, once and plainly.
2. Check the facts in the back office.
3. Offer what we can do, with a date you can keep.
4. Read out the ticket number.

## When to escalate

::: internal
When, where (desk and extension) and with which code to escalate.
:::
""",
}


def slugify(title: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return text[:60].strip("-") or f"article-{dt.date.today():%Y%m%d}"


def new_article_text(template: str, title: str, **fields: object) -> str:
    """A complete article (front matter and body) from a template, saved as a draft."""
    body = TEMPLATES[template].format(title=title)
    defaults: dict[str, object] = {"title": title, "status": "draft",
                                   "updated": dt.date.today()}
    return set_fields(body, {**defaults, **fields})
