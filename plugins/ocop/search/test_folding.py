from ocop.search.folding import d_folded_words


def test_only_words_with_d_stroke_are_copied_once():
    assert d_folded_words("Đặc sản Đà Nẵng", "đặc sản, đường") == "Dặc Dà dặc dường"


def test_tags_are_not_words():
    assert d_folded_words("<p class='đ'>Bánh <em>đậu</em> xanh</p>") == "dậu"


def test_nothing_to_copy():
    assert d_folded_words("Mè xửng", None, "") == ""
