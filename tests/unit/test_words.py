"""The words: what the texts say, in both languages (issue 16, read against the programme)."""

from pathlib import Path

import pytest

from tettpa_tui import content
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2] / "content"
FW = content.framework()


def prose(dim: str, lang: str, instrument: Instrument = Instrument.PRE_K) -> str:
    d = FW.for_instrument(instrument).dimension(dim)
    return d.descriptions[lang] + "\n" + "\n".join(d.questions[lang])


def all_texts(lang: str) -> str:
    texts = [prose(d.id, lang, i) for d in FW.dimensions for i in Instrument]
    return "\n".join(texts + list(catalogue(lang).values()) + [(ROOT / "method.toml").read_text()])


def test_negative_climate_is_scored_as_seen_and_reversed_only_in_the_domain() -> None:
    nb, en = prose("negative-climate", "nb"), prose("negative-climate", "en")
    assert "omvendt" not in nb and "in reverse" not in en
    # How it is scored belongs on the observation screen, not in the text stories are written from.
    assert "skår" not in nb and "score" not in en
    assert "høy skår er mye negativitet" in catalogue("nb")["obs.reversed_note"]
    assert "8 − score" in catalogue("en")["obs.reversed_note"]
    assert "konflikter mellom barna som får pågå" in nb


def test_the_dimension_texts_say_it_in_good_bokmal() -> None:
    assert "Voksne og barn\nsmiler og ler sammen" not in prose("positive-climate", "nb")  # unwrapped
    assert prose("positive-climate", "nb").casefold().count("voksne og barn") == 1  # said once
    assert "Når delte jeg glede med et barn i dag" in prose("positive-climate", "nb")
    assert "På en produktiv avdeling" in prose("productivity", "nb")
    assert "roser det som går bra oftere enn de korrigerer" in prose("behavior-guidance", "nb")
    assert "turer" not in prose("language-modeling", "nb")
    for d in FW.dimensions:
        for instrument in Instrument:
            assert '"' not in prose(d.id, "nb", instrument), d.id  # «…», not straight quotes


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_instrument_has_its_own_text_where_it_names_the_dimension_differently(lang: str) -> None:
    for dim in ("behavior-guidance", "learning-formats"):
        toddler, pre_k = prose(dim, lang, Instrument.TODDLER), prose(dim, lang, Instrument.PRE_K)
        assert toddler != pre_k
        assert (ROOT / "dimensions" / f"{dim}.toddler.{lang}.md").is_file()
    assert prose("behavior-guidance", "en", Instrument.PRE_K).startswith("Behavior management")
    assert prose("behavior-guidance", "en", Instrument.TODDLER).startswith("Behavior guidance")
    assert prose("learning-formats", "en", Instrument.PRE_K).startswith("Instructional learning formats")


def test_the_strings_use_the_programmes_words() -> None:
    nb, en = catalogue("nb"), catalogue("en")
    assert "møteleder" not in all_texts("nb").casefold()
    assert nb["minutes.facilitator"] == nb["setup.facilitator"] == "Veileder"
    assert en["minutes.facilitator"] == "Facilitator"
    assert nb["meeting.cue_say"] == "Veileder:"
    # The writer's guide box and the questions inside it have headings of their own.
    assert nb["writer.guide_title"] == "Om månedens dimensjon" != nb["writer.questions"]
    texts = all_texts("nb")
    assert "programår" not in texts.casefold() and "poeng" not in texts.casefold()
    assert "Hvem hadde tanken?" in texts and "Hvem sin tanke" not in texts
    assert nb["keys.guide"] == "Om dimensjonen"
    assert nb["history.col_turns"] == "Innlegg" and "turer" not in nb["cli.meeting_line"]
    assert nb["pool_dialog.saved"].startswith("Puljen er") and nb["pool_dialog.cleared"].startswith("Puljen er")
    assert "slått på" in nb["meeting.modelling_on"] and "slått av" in nb["meeting.modelling_off"]
    assert nb["error.round_incomplete"] == "{remaining:person} har ikke hatt tur ennå."
    from tettpa_tui.i18n import t

    assert t("error.round_incomplete", remaining=1) == "1 person har ikke hatt tur ennå."
    assert "har ikke tur" in nb["error.teller_listens"]
    assert nb["age_group.mixed"] == "Aldersblandet"
    assert nb["serve.started"].startswith("Nå kan de ansatte levere fortellinger")
    assert "poeng" not in " ".join(nb.values()).casefold()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_privacy_advice_leaves_names_out_and_warns_that_an_initial_can_identify(lang: str) -> None:
    texts = catalogue(lang)
    for key in ("writer.privacy_hint", "check.name_at"):
        text = texts[key]
        assert ("annet navn" if lang == "nb" else "another name") in text
        assert ("forbokstav" if lang == "nb" else "initial") in text  # named only as a risk
    assert texts["writer.check.replacements"].split("|")[0] in ("barnet", "the child")


def test_the_pedagogue_meeting_is_for_all_the_pedagogues() -> None:
    assert catalogue("nb")["pedagogue.kind"] == "alle pedagogene"  # after "Pedagogmøte" in the title
    assert "barnehagelærere" in catalogue("nb")["tips.pedagogue"]


def test_year_three_is_the_rvts_training_led_by_the_snakkefaddere() -> None:
    import tomllib

    themes = {t["year"]: t for t in tomllib.loads((ROOT / "programme.toml").read_text(encoding="utf-8"))["theme"]}
    nb, en = themes[3]["about_nb"], themes[3]["about_en"]
    assert "RVTS" in nb and "sju moduler" in nb and "snakkefaddere" in nb and "leder innføringen" in nb
    assert "RVTS" in en and "seven modules" in en and "lead the training" in en
