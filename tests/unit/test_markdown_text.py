"""User text in the Markdown minutes: verbatim where Markdown would not read it, inert everywhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tettpa_tui.services.minutes import markdown_to_html
from tettpa_tui.text import md_escape

PARSERS = [
    MarkdownIt("commonmark", {"html": False}).enable("table"),  # the HTML export
    MarkdownIt("gfm-like", {"linkify": False}),  # Textual's Markdown widget (tables, strikethrough)
]
# Where the minutes place user text: alone, after a list marker, after a bold label, in a quote.
PLACES = ["{}", "- {}", "**Mål:** {}", "> {}"]
TEXT_TOKENS = {"text", "softbreak", "hardbreak"}
BLOCKS = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open", "bullet_list_close",
          "list_item_open", "list_item_close", "blockquote_open", "blockquote_close"}


def shown(parser: MarkdownIt, markdown: str) -> tuple[str, set[str], set[str]]:
    """The text a reader sees, and the kinds of block and inline tokens it was made of."""
    blocks, inline, parts = set(), set(), []
    for token in parser.parse(markdown):
        blocks.add(token.type)
        for child in token.children or []:
            inline.add(child.type)
            if child.type == "text":
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        if token.type == "inline":
            parts.append("\n")
    return "".join(parts), blocks, inline


def lines(text: str) -> list[str]:
    return [line.strip(" \t") for line in text.split("\n") if line.strip(" \t")]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 19\n.)-+*_#>`[]()<>!&;|~=:\\/\"'@\tø")), max_size=40))
def test_any_text_stays_plain_text_wherever_the_minutes_put_it(text: str) -> None:
    escaped = md_escape(text)
    for parser in PARSERS:
        for place in PLACES:
            seen, blocks, inline = shown(parser, place.format(escaped))
            assert inline <= TEXT_TOKENS | {"strong_open", "strong_close"}, (text, place, inline)
            assert blocks <= BLOCKS, (text, place, blocks)
            label = "Mål: " if "Mål" in place else ""
            expected = lines(label + "\n".join(line.strip(" \t") for line in text.split("\n")))
            assert lines(seen) == expected, (text, place, seen)


def test_a_plain_sentence_appears_verbatim() -> None:
    sentences = [
        "Hun var travelt. Det ble sølvpapir-øyeblikket (det beste!), og jeg sa: «Nå går vi».",
        "Vi var 3 voksne - og 12 barn; 2 + 2 = 4, 50 % ute, kl. 10.30.",
        "I tried snake_case, a_b, 3 < 5 and 5 > 3, Per & Kari, a # in the middle, 1. in the middle.",
        "She asked: \"why?\" - it's the 2nd time * 2 today.",
    ]
    for sentence in sentences:
        assert md_escape(sentence) == sentence


def test_only_what_markdown_reads_is_escaped() -> None:
    assert md_escape("# ikke overskrift") == "\\# ikke overskrift"
    assert md_escape("1. ikke en liste") == "1\\. ikke en liste"
    assert md_escape("> ikke sitat") == "\\> ikke sitat"
    assert md_escape("- ikke punkt") == "\\- ikke punkt"
    assert md_escape("`kode`") == "\\`kode\\`"
    assert md_escape("**fet** og _skrå_") == "\\*\\*fet\\*\\* og \\_skrå\\_"
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_escape("[@click=app.quit]x[/]") == "\\[@click=app.quit\\]x\\[/\\]"
    assert md_escape("<script>alert(1)</script>") == "\\<script>alert(1)\\</script>"
    assert md_escape("første\nandre") == "første  \nandre"


def test_hostile_text_is_inert_in_the_html() -> None:
    hostile = ("[x](javascript:alert(1)) <script>alert(1)</script> [@click=app.quit]x[/] `kode` "
               "<img src=x onerror=alert(1)> &lt;b&gt;\n# h\n1. n\n> q\n- l\n<div>x</div>")
    page = markdown_to_html(f"- {md_escape(hostile)}\n\n**Mål:** {md_escape(hostile)}", "t")
    body = page.split("<body>", 1)[1]
    for bad in ("<script", "<img", "href=", "<a ", "<code", "<h1", "<ol", "<blockquote", "<div"):
        assert bad not in body
    assert "[@click=app.quit]x[/]" in body and "&lt;script&gt;" in body and "&amp;lt;b&amp;gt;" in body
