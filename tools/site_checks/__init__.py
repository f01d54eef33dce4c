"""Quality gates over a built site, each a function that returns the problems it found (empty: passed).

- `links.broken_links`: internal links, images, `srcset` entries, hreflang targets and sitemap entries;
- `html_validity.validate`: the Nu Html Checker (vnu.jar from npm `vnu-jar`);
- `page_weight.weight`: HTML + CSS + JS bytes of a page and the third-party requests it would make.

The browser gates (axe-core, keyboard, smoke tests) live in the test suite (`tests/test_quality_gates.py`).
`python tools/check_site.py OUTPUT` runs the static gates from the command line.
"""
