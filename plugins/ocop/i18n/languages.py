"""Site languages and the URL of every page type in each of them (content contract, "URL patterns").

The first configured language is the default one, written at the site root; every other language
lives under `/<code>/`. Each language names its page types with its own words: Vietnamese and English
words are the contract's; a language without words of its own uses the English ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

# The contract's URL words. A language not listed here uses ENGLISH_WORDS unless configured.
ENGLISH_WORDS = {
    "product": "products",
    "producer": "producers",
    "region": "regions",
    "stars": "stars",
    "group": "groups",
    "shop": "shops",  # sales points (điểm bán)
    "map": "map",
    "search": "search",
    "statistics": "statistics",  # the catalogue in figures (plugin `statistics`)
    "page": "page",
    "catalogue": "catalogue",  # the folder of the printable PDF catalogue (not a page)
}
DEFAULT_WORDS = {
    "vi": {
        "product": "san-pham",
        "producer": "co-so",
        "region": "dia-phuong",
        "stars": "sao",
        "group": "nhom",
        "shop": "diem-ban",
        "map": "ban-do",
        "search": "tim-kiem",
        "statistics": "thong-ke",
        "page": "trang",
        "catalogue": "danh-muc",
    },
}

# A language whose code (URL folder, file names `index.<code>.md`, .po folder) is not the tag browsers need:
# `zh` is Chinese in Simplified characters, `<html lang="zh-Hans">`, so that browsers and screen readers
# pick Simplified glyphs and voices; its Babel locale says which script and country's conventions to use.
LANGUAGE_TAGS = {"zh": ("zh-Hans", "zh_Hans_CN")}

# Page types that show one thing of a collection, and the word of the collection they live under.
_ITEM_PAGES = {"product", "producer", "region", "stars", "group", "shop"}
# Listing pages: the collection page itself (`/san-pham/`).
_LIST_PAGES = {"products": "product", "producers": "producer", "regions": "region", "groups": "group",
               "shops": "shop", "map": "map", "search": "search", "statistics": "statistics",
               "catalogue": "catalogue"}


class LanguageError(ValueError):
    """A language setting that cannot work (unknown code, bad words, a fallback chain that cannot end)."""

    def __init__(self, message: str, setting: str = "CATALOGUE_LANGUAGES"):
        super().__init__(message)
        self.setting = setting  # the setting to name in the error line


@dataclass(frozen=True)
class Language:
    code: str  # as staff write it: CATALOGUE_LANGUAGES, `index.<code>.md`, the URL folder `/<code>/`
    name: str  # the language's own name for itself: "Tiếng Việt", "English"
    prefix: str  # "" for the default language, "/en" for the others
    words: dict = field(hash=False)
    locale: Locale = field(hash=False, compare=False)
    is_default: bool = False
    tag: str = ""  # BCP 47 tag of `<html lang>`, `lang` and `hreflang` attributes ("zh-Hans"); the code if ""
    # The languages whose text a page of this language shows, in order: itself, then its fallback chain
    # (CATALOGUE_FALLBACKS), ending with the default language: ("ko", "en", "vi").
    chain: tuple = ()

    def __post_init__(self):
        if not self.tag:
            object.__setattr__(self, "tag", self.code)
        if not self.chain:
            object.__setattr__(self, "chain", (self.code,))

    def path(self, page_type: str, key: str | int | None = None, page: int = 1) -> str:
        """Site path (always ending in "/") of a page: path("product", "me-xung") → "/san-pham/me-xung/"."""
        if page_type == "alias":  # an old path kept alive by a redirect: the same in every language
            return str(key)
        if page_type == "home":
            parts = []
        elif page_type == "page":  # an ordinary page (about, contact): /<slug>/
            parts = [str(key)]
        elif page_type in _ITEM_PAGES:
            parts = [self.words[page_type], str(key)]
        elif page_type in _LIST_PAGES:
            parts = [self.words[_LIST_PAGES[page_type]]]
        else:
            raise KeyError(f"unknown page type {page_type!r}")
        if page > 1:
            parts += [self.words["page"], str(page)]
        return self.prefix + "/" + "".join(p + "/" for p in parts)


def configure_languages(codes, url_words=None, fallbacks=None) -> list[Language]:
    """Languages from settings: `codes` in order (the first is the default), optional URL words and
    fallback chains (see `fallback_chains`)."""
    url_words = url_words or {}
    if not codes:
        raise LanguageError("CATALOGUE_LANGUAGES is empty: name at least one language, e.g. ['vi']")
    chains = fallback_chains(list(codes), fallbacks)
    languages = []
    for index, code in enumerate(codes):
        tag, locale_name = LANGUAGE_TAGS.get(code, (code, code))
        try:
            own_name = Locale.parse(code)
            locale = Locale.parse(locale_name)
        except (UnknownLocaleError, ValueError) as exc:
            raise LanguageError(f"CATALOGUE_LANGUAGES: unknown language code {code!r} ({exc})") from None
        words = dict(ENGLISH_WORDS)
        words.update(DEFAULT_WORDS.get(code, {}))
        words.update(url_words.get(code, {}))
        unknown = set(words) - set(ENGLISH_WORDS)
        if unknown:
            raise LanguageError(f"CATALOGUE_URL_WORDS[{code!r}]: unknown page types {sorted(unknown)}")
        name = own_name.get_display_name(own_name) or code
        languages.append(
            Language(
                code=code,
                name=name[:1].upper() + name[1:],
                prefix="" if index == 0 else "/" + code,
                words=words,
                locale=locale,
                is_default=index == 0,
                tag=tag,
                chain=chains[code],
            )
        )
    return languages


def fallback_chains(codes: list[str], fallbacks: dict | None) -> dict[str, tuple]:
    """Each language's chain (content contract, "Translation files"): the language itself, then the
    languages whose text its pages show where an entry has no translation into it, ending with the default
    language. CATALOGUE_FALLBACKS = {"ko": ["en", "vi"]} sets a language's chain; a language it does not
    name falls back to English where the site has English, then to the default language."""
    default = codes[0]
    setting = "CATALOGUE_FALLBACKS"
    fallbacks = fallbacks or {}
    if not isinstance(fallbacks, dict):
        raise LanguageError(f"must be a mapping of language to its chain, e.g. {{'ko': ['en', '{default}']}}",
                            setting)
    chains = {}
    for code in codes:
        if code == default:
            chains[code] = (code,)
        elif code in fallbacks:
            continue
        else:
            chains[code] = (code, "en", default) if "en" in codes and code != "en" else (code, default)
    for code, chain in fallbacks.items():
        where = f"{code!r}"
        if code not in codes:
            raise LanguageError(f"{where}: {code!r} is not a site language (CATALOGUE_LANGUAGES: "
                                f"{', '.join(codes)})", setting)
        if isinstance(chain, str) or not isinstance(chain, (list, tuple)):
            raise LanguageError(f"{where}: must be a list of languages, e.g. ['en', '{default}']", setting)
        unknown = [c for c in chain if c not in codes]
        if unknown:
            raise LanguageError(f"{where}: {unknown[0]!r} is not a site language (CATALOGUE_LANGUAGES: "
                                f"{', '.join(codes)})", setting)
        if code == default:
            if chain:
                raise LanguageError(f"{where}: the default language has no fallback (every entry is written "
                                    f"in it): leave it out", setting)
            continue
        walked = [code]
        for other in chain:
            if other in walked:
                raise LanguageError(f"{where}: a cycle: {' → '.join(walked + [other])}; a chain names each "
                                    f"language once and ends with {default!r}", setting)
            walked.append(other)
        if not chain or chain[-1] != default:
            raise LanguageError(f"{where}: must end with the default language {default!r}, the last resort of "
                                f"every text: e.g. {[c for c in chain if c != default] + [default]}",
                                setting)
        chains[code] = tuple(walked)
    return chains
