"""Vietnamese ordering, folding and slugs."""

from ocop.i18n.collation import fold, slugify, sort_key


def test_vietnamese_alphabet_order():
    words = ["Đà Nẵng", "Dầu tràm", "Zen", "an", "Ăn", "âm", "Ba", "dưa", "Dz", "đặc sản", "ơi", "ông", "o"]
    assert sorted(words, key=sort_key) == ["an", "Ăn", "âm", "Ba", "Dầu tràm", "dưa", "Dz", "Đà Nẵng", "đặc sản",
                                           "o", "ông", "ơi", "Zen"]


def test_tones_are_a_secondary_difference_in_dictionary_order():
    # ngang < huyền < hỏi < ngã < sắc < nặng, and only after the letters decide
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả", "mac"], key=sort_key) == \
        ["ma", "mà", "mả", "mã", "má", "mạ", "mac"]


def test_word_boundaries_sort_first():
    assert sorted(["meo", "me xung"], key=sort_key) == ["me xung", "meo"]


def test_decomposed_input_sorts_like_composed():
    import unicodedata
    assert sort_key(unicodedata.normalize("NFD", "Mè xửng"))[:2] == sort_key("Mè xửng")[:2]


def test_fold_removes_every_mark_including_d_stroke():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("Mè xửng") == fold("me xung") == "me xung"
    assert fold("dầu tràm") == "dau tram"


def test_slugify_gives_ascii_slugs():
    assert slugify("Mè xửng Đông Ba – Huế") == "me-xung-dong-ba-hue"
    assert slugify("  Trà cung đình (hộp 100g)!  ") == "tra-cung-dinh-hop-100g"
