"""Issue 26: the word put in place of a name fits the pronouns the story uses for the child."""

from tettpa_tui.domain.pronouns import ordered_replacements, pronouns_near

WORDS = ("barnet", "jenta", "gutten")


def test_she_and_her_near_the_name_put_the_girl_first() -> None:
    hint = pronouns_near("Jeg satt med Nora. Hun viste meg tegningen, og jeg sa til henne at den var fin.", "Nora")
    assert (hint.fits, hint.words(), hint.mixed) == ("girl", ("hun", "henne"), False)
    assert ordered_replacements(WORDS, hint) == ("jenta", "barnet", "gutten")


def test_he_and_him_put_the_boy_first_also_for_a_genitive_and_in_english() -> None:
    assert ordered_replacements(WORDS, pronouns_near("Det var Emils tur. Han delte ut kopper.", "Emils"))[0] == "gutten"
    hint = pronouns_near("I sat with River. He showed me his drawing.", "River")
    assert ordered_replacements(("the child", "the girl", "the boy"), hint)[0] == "the boy"


def test_both_kinds_or_none_keep_the_child_first_and_both_are_pointed_at() -> None:
    mixed = pronouns_near("Emil og Nora kranglet. Han ville ha spaden, og hun ville ikke gi den.", "Emil")
    assert mixed.mixed and mixed.words() == ("han", "hun")
    assert ordered_replacements(WORDS, mixed) == WORDS
    assert ordered_replacements(WORDS, pronouns_near("Jeg leste med Ayaan.", "Ayaan")) == WORDS


def test_a_sentence_about_someone_else_and_a_name_like_hans_do_not_count() -> None:
    # the next sentence starts with another child: its «han» is about him, not Nora
    hint = pronouns_near("Nora lo. Emil sa at han ville være med.", "Nora")
    assert hint.pronouns == ()
    assert pronouns_near("Jeg satt med Nora og Hans.", "Nora").pronouns == ()
