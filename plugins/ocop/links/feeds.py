"""An Atom feed of the newest products, one per language (`/feed.xml`, `/en/feed.xml`). An entry not
translated into the feed's language has the text its page shows (the fallback chain) and says which
language that is (`xml:lang` on the entry); it links to the page in the feed's language, as the site's
own listings do."""

from __future__ import annotations

import datetime
from pathlib import Path

from feedgenerator import Atom1Feed

FEED_NAME = "feed.xml"
FEED_SIZE = 20


class _StableAtomFeed(Atom1Feed):
    """A feed with no entries is "updated" on the catalogue's date, not at the build's clock time, so
    that building the same content twice gives the same bytes."""

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self._today = datetime.datetime.combine(today, datetime.time(), datetime.timezone.utc)

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self._today

    def item_attributes(self, item):
        """An entry shown through the feed language's fallback chain says the language of its text."""
        return {"xml:lang": item["text_lang"]} if item.get("text_lang") else {}


def write_feed(site, output: Path, title: str, description: str) -> None:
    products = sorted((p for p in site.catalogue.products if p.listed), key=lambda p: (p.listed, p.slug),
                      reverse=True)[:FEED_SIZE]
    home = site.public(site.url("home"))
    feed = _StableAtomFeed(title=title, link=home, description=description, language=site.lang.tag,
                           feed_url=home + FEED_NAME, today=site.catalogue.today)
    for product in products:
        view = site.product(product)
        listed = datetime.datetime.combine(product.listed, datetime.time(), datetime.timezone.utc)
        feed.add_item(title=view.title, link=site.public(view.url), description=view.summary,
                      unique_id=site.public(view.url), pubdate=listed, updateddate=listed,
                      categories=[view.group.name], author_name=view.producer.title,
                      text_lang=site.tag(view.text_lang) if view.foreign else None)
    target = output / site.lang.prefix.strip("/") / FEED_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
