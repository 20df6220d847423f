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

BENGALI_TEMPLATES: dict[str, str] = {
    "FAQ answer (বাংলা)": """# {title}

প্রথম অনুচ্ছেদেই প্রশ্নের উত্তর দিন, এমন ভাষায় যা এজেন্ট ফোনে পড়ে শোনাতে পারেন।

## বিস্তারিত

- কী প্রযোজ্য, সংখ্যাসহ (দিন, দাম, সীমা)।
- ব্যতিক্রম।
""",
    "How-to (বাংলা)": """# {title}

এতে কী হবে, আর শুরুর আগে গ্রাহকের কী লাগবে।

## ধাপ

1. প্রথম ধাপ, মেনু বা বোতামের সঠিক নামসহ।
2. দ্বিতীয় ধাপ।
3. কাজ হয়েছে কি না গ্রাহক কীভাবে বুঝবেন।

::: internal
এজেন্টদের জন্য নোট: সাধারণ ভুল, ব্যাক অফিসে কী দেখতে হবে।
:::
""",
    "Troubleshooting (বাংলা)": """# {title}

## লক্ষণ

- গ্রাহক কী দেখছেন বা বলছেন।

## যাচাই

1. সবচেয়ে দ্রুত যাচাইটি আগে।
2. তার পরেরটি।

## সমাধান

প্রতিটি কারণের জন্য কী করবেন।

## কখন এসকেলেট করবেন

::: internal
কার কাছে ট্রান্সফার করবেন, এক্সটেনশন ও কোডসহ।
:::
""",
    "Complaint playbook (বাংলা)": """# {title}

## গ্রাহক যা বলেন

- "গ্রাহকের একটি সাধারণ বাক্য।"

## কী উত্তর দেবেন

1. একবার, স্পষ্টভাবে স্বীকার করুন।
2. ব্যাক অফিসে তথ্য যাচাই করুন।
3. আমরা কী করতে পারি তা বলুন, এমন তারিখসহ যা রাখা যাবে।
4. টিকিট নম্বর পড়ে শোনান।

## কখন এসকেলেট করবেন

::: internal
কখন, কোথায় (ডেস্ক ও এক্সটেনশন) এবং কোন কোডে এসকেলেট করবেন।
:::
""",
}
TEMPLATES.update(BENGALI_TEMPLATES)


def slugify(title: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return text[:60].strip("-") or f"article-{dt.date.today():%Y%m%d}"


def new_article_text(template: str, title: str, **fields: object) -> str:
    """A complete article (front matter and body) from a template, saved as a draft."""
    body = TEMPLATES[template].format(title=title)
    defaults: dict[str, object] = {"title": title, "status": "draft",
                                   "updated": dt.date.today()}
    if template in BENGALI_TEMPLATES:
        defaults["language"] = "bn"
    return set_fields(body, {**defaults, **fields})


class UnknownTemplate(LookupError):
    """No template has that name; the message lists the ones there are."""


def template_key(name: str) -> str:
    """A template's name as typed in a terminal: `faq-answer`, `how-to-bn`."""
    return slugify(name.replace("(বাংলা)", "bn"))


def find_template(name: str) -> str:
    """The template called `name` (its full name in any case, or its key);
    `UnknownTemplate` lists the choices."""
    wanted = name.strip().casefold()
    for full in TEMPLATES:
        if wanted in (full.casefold(), template_key(full)):
            return full
    choices = ", ".join(template_key(full) for full in TEMPLATES)
    raise UnknownTemplate(f"no template {name!r}; choose one of: {choices}")
