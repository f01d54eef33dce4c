"""Each producer's contact card: a vCard 3.0 file (UTF-8, written with `vobject`) that a buyer's phone
adds to its contacts in one tap ("Save contact" on product and producer pages).

One card per producer, in the default language (its names as written, Vietnamese letters intact), at
`/co-so/<slug>/<slug>.vcf`. Phone numbers in E.164 (`+84…`), so the card works from abroad.
"""

from __future__ import annotations

import phonenumbers
import vobject

SOCIAL = {"WhatsApp": "whatsapp", "LINE": "line", "KakaoTalk": "kakaotalk", "WeChat": "wechat"}


def _add(card, name: str, value, **params):
    item = card.add(name)
    item.value = value
    for key, values in params.items():
        setattr(item, f"{key}_paramlist", values)
    return item


def _phone_types(tel: str) -> list[str]:
    kind = phonenumbers.number_type(phonenumbers.parse(tel))
    mobile = kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return ["CELL", "VOICE"] if mobile else ["WORK", "VOICE"]


def producer_vcard(producer, gettext) -> str:
    """The card of `producer` (a ProducerView in the default language); `gettext` of that language."""
    site = producer.site
    card = vobject.vCard()
    _add(card, "fn", producer.title)
    _add(card, "n", vobject.vcard.Name())  # required by vCard 3.0; the card is an organisation's
    _add(card, "org", [producer.title])
    _add(card, "x-abshowas", "COMPANY")  # Apple Contacts: show the organisation's name, not an empty person
    for phone in producer.phones:
        _add(card, "tel", phone.tel, type=_phone_types(phone.tel))
    if producer.email:
        _add(card, "email", producer.email, type=["INTERNET", "WORK"])
    if producer.address:
        country = site.lang.locale.territories.get("VN", "Viet Nam")
        _add(card, "adr", vobject.vcard.Address(street=producer.address, country=country), type=["WORK"])
    if producer.website:
        _add(card, "url", producer.website)
    _add(card, "url", site.public(producer.url))
    if producer.zalo_url:
        _add(card, "x-socialprofile", producer.zalo_url, type=["zalo"])
    for name, handle in producer.messengers:
        if handle.url:
            _add(card, "x-socialprofile", handle.url, type=[SOCIAL[name]])
    if producer.facebook:
        _add(card, "x-socialprofile", producer.facebook, type=["facebook"])
    note = []
    if producer.contact_person:
        note.append(f"{gettext('Contact person')}: {producer.contact_person.text}")
    if producer.languages:
        note.append(f"{gettext('Languages spoken')}: {', '.join(name for _, name in producer.languages)}")
    note += [f"{name}: {handle.text}" for name, handle in producer.messengers if not handle.url]
    if producer.zalo and not producer.zalo_url:
        note.append(f"Zalo: {producer.zalo}")
    if note:
        _add(card, "note", "\n".join(note))
    return card.serialize()
