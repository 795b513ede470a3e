"""The pipeline contract (nlp/pipeline.py) and bad input through `Analyzer().analyze`.

Contract: a blank English pipeline with seven components in a fixed order, each registered under
a `tacitus_<component>_v1` factory, whose declared `requires`/`assigns` spaCy can check;
registration is idempotent and happens on first build, not at import; the knowledge base and the
lexicons are loaded once per process. Bad input must never crash the analysis nor invent events.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import tacitus.kb.actors
import tacitus.nlp.assemble
import tacitus.nlp.cues
import tacitus.nlp.lexicon
import tacitus.nlp.pipeline
import tacitus.nlp.timex
from tacitus import Analyzer, Event
from tacitus.nlp.pipeline import COMPONENTS, build_pipeline, register, run

PUBLISHED = dt.date(2025, 5, 13)
NAMES = ["sentences", "actors", "times", "triggers", "events", "factuality", "attribution"]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


# ------------------------------------------------------------------ components


def test_pipe_names_in_order(nlp: Language) -> None:
    assert nlp.pipe_names == NAMES


def test_blank_english(nlp: Language) -> None:
    assert nlp.lang == "en"
    assert isinstance(nlp, Language)


def test_every_component_has_a_versioned_factory(nlp: Language) -> None:
    factories = [nlp.get_pipe_meta(name).factory for name in nlp.pipe_names]
    assert factories == list(COMPONENTS)
    for name, factory in zip(nlp.pipe_names, factories, strict=True):
        assert re.fullmatch(r"tacitus_[a-z]+_v1", factory), factory
        assert factory == f"tacitus_{name}_v1"
        assert Language.has_factory(factory)


def test_analyze_pipes_reports_no_problems(nlp: Language) -> None:
    analysis = nlp.analyze_pipes(pretty=False)
    assert set(analysis["problems"]) == set(NAMES)
    assert all(not missing for missing in analysis["problems"].values()), analysis["problems"]


@pytest.mark.parametrize(
    ("name", "attribute"),
    [
        ("sentences", "token.is_sent_start"),
        ("actors", "doc._.actors"),
        ("times", "doc._.times"),
        ("triggers", "doc._.triggers"),
        ("events", "doc._.mentions"),
    ],
)
def test_components_declare_what_they_assign(nlp: Language, name: str, attribute: str) -> None:
    assert attribute in nlp.get_pipe_meta(name).assigns


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("events", {"doc._.actors", "doc._.triggers", "token.is_sent_start"}),
        ("factuality", {"doc._.mentions", "doc._.times"}),
        ("attribution", {"doc._.mentions"}),
    ],
)
def test_components_declare_what_they_require(nlp: Language, name: str, needs: set[str]) -> None:
    assert needs <= set(nlp.get_pipe_meta(name).requires)


def test_run_sets_every_extension(nlp: Language) -> None:
    doc = run(nlp, "Xi Jinping visited Moscow on May 7.", PUBLISHED)
    assert doc._.published == PUBLISHED
    for name in ("actors", "times", "triggers", "mentions", "cues"):
        assert isinstance(getattr(doc._, name), list), name
    assert doc._.actors
    assert doc._.mentions
    assert doc.has_annotation("SENT_START")


def test_calling_the_pipeline_like_spacy_gives_the_same_mentions(nlp: Language) -> None:
    """`nlp(text)` runs the same components (with no publication date)."""
    doc = nlp("Xi Jinping visited Moscow.")
    assert isinstance(doc, Doc)
    assert [m.type for m in doc._.mentions] == ["CONSULT"]


def test_register_twice_is_fine() -> None:
    register()
    register()
    for factory in COMPONENTS:
        assert Language.has_factory(factory)
    for name in ("published", "actors", "times", "triggers", "mentions", "cues"):
        assert Doc.has_extension(name)


def test_two_pipelines_in_one_process_are_independent(nlp: Language) -> None:
    other = build_pipeline()
    assert other is not nlp
    assert other.pipe_names == NAMES
    text = "Chinese President Xi Jinping will visit Moscow next week."
    a, b = run(nlp, text, PUBLISHED), run(other, text, PUBLISHED)
    assert [(m.type, m.factuality) for m in a._.mentions] == [
        (m.type, m.factuality) for m in b._.mentions
    ]


def test_nothing_is_registered_at_import() -> None:
    code = (
        "import tacitus, tacitus.nlp.pipeline, tacitus.cli\n"
        "from spacy.language import Language\n"
        "from spacy.tokens import Doc\n"
        "from tacitus.nlp.pipeline import COMPONENTS\n"
        "assert not any(Language.has_factory(f) for f in COMPONENTS), 'factory at import'\n"
        "assert not Doc.has_extension('actors'), 'extension at import'\n"
        "import tacitus.nlp.pipeline as p\n"
        "assert not p._SHARED, 'data loaded at import'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]


# ------------------------------------------------------------------ data loaded once

_LOADERS = (tacitus.kb.actors, tacitus.nlp.lexicon, tacitus.nlp.cues, tacitus.nlp.timex)


@pytest.fixture(scope="module")
def loads() -> Iterator[collections.Counter[str]]:
    """Data files read while two Analyzers (two pipelines) are built in a fresh process state."""
    counts: collections.Counter[str] = collections.Counter()
    with pytest.MonkeyPatch.context() as mp:
        for module in (*_LOADERS, tacitus.nlp.assemble):
            original = module.load_yaml

            def counting(package: str, name: str, path: Any = None, _orig: Any = original) -> Any:
                counts[name] += 1
                return _orig(package, name, path)

            mp.setattr(module, "load_yaml", counting)
        # Forget what earlier tests loaded, as in a new process.
        mp.setattr(tacitus.nlp.pipeline, "_SHARED", {})
        tacitus.nlp.timex._default_tagger.cache_clear()
        Analyzer()
        Analyzer()
        yield counts
    tacitus.nlp.timex._default_tagger.cache_clear()


@pytest.mark.parametrize(
    "name",
    ["states.yaml", "organisations.yaml", "groups.yaml", "institutions.yaml", "people.yaml"],
)
def test_knowledge_base_loads_once_per_process(loads: collections.Counter[str], name: str) -> None:
    assert loads[name] == 1


def test_time_expressions_load_once_per_process(loads: collections.Counter[str]) -> None:
    assert loads["timex.yaml"] == 1


@pytest.mark.parametrize(
    "name",
    [
        "triggers.yaml",
        "cues.yaml",
    ],
)
def test_lexicons_load_once_per_process(loads: collections.Counter[str], name: str) -> None:
    assert loads[name] == 1


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("text", ["", " ", "\n", "   \n\n\t \r\n  ", "\u00a0\u2003\u200b"])
def test_empty_and_whitespace(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text, published=PUBLISHED) == []
    assert analyzer.analyze(text) == []


@pytest.mark.parametrize(
    "text", ["." * 50_000, "-" * 100_000, "=-" * 50_000, "x" * 300_000, "! " * 50_000]
)
def test_degenerate_text(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text, published=PUBLISHED) == []


@pytest.mark.slow
@pytest.mark.parametrize("text", ["!" * 20_000, "!?" * 10_000, ")" * 20_000, "%" * 20_000])
def test_long_run_of_suffix_punctuation(analyzer: Analyzer, text: str) -> None:
    """No crash, but slow: spaCy's tokenizer strips suffixes one character at a time with a
    regex over the rest of the token (quadratic), about 30-70 s for these 20,000 characters."""
    assert analyzer.analyze(text, published=PUBLISHED) == []


def test_many_short_lines(analyzer: Analyzer) -> None:
    assert analyzer.analyze("China\n" * 50_000, published=PUBLISHED) == []


FILLER = (
    "Farmers in the valley said the harvest had been better than expected, and local markets "
    "reported steady prices for grain and vegetables throughout the season. "
) * 4
OPENING = "Chinese President Xi Jinping visited Moscow on May 7."
CLOSING = "India accused Pakistan of sponsoring terrorism on Monday."


def check_offsets(text: str, events: list[Event]) -> None:
    for event in events:
        for evidence in event.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
            assert text[evidence.start : evidence.end] == evidence.text


def test_document_of_100_000_words(analyzer: Analyzer) -> None:
    paragraphs = [OPENING]
    while sum(len(p.split()) for p in paragraphs) < 100_000:
        paragraphs.append(FILLER)
    paragraphs.append(CLOSING)
    text = "\n\n".join(paragraphs) + "\n"
    assert len(text.split()) >= 100_000
    events = analyzer.analyze(text, published=PUBLISHED)
    check_offsets(text, events)
    visit = [e for e in events if e.type == "CONSULT"]
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert visit
    assert visit[0].evidence[0].text == OPENING
    assert accuse  # found past the first 200,000-character chunk, offsets into the whole text
    assert accuse[-1].evidence[-1].text == CLOSING
    assert accuse[-1].evidence[-1].start == text.rindex(CLOSING)


def test_single_line_of_5_megabytes(analyzer: Analyzer) -> None:
    pieces = []
    size = 0
    i = 0
    while size < 5_000_000:
        piece = FILLER + (OPENING + " " if i % 50 == 0 else "")
        pieces.append(piece)
        size += len(piece)
        i += 1
    text = "".join(pieces)[:5_000_000]
    assert "\n" not in text
    events = analyzer.analyze(text, published=PUBLISHED)
    check_offsets(text, events)
    assert any(e.type == "CONSULT" for e in events)


NON_ENGLISH = {
    "french": (
        "Le président chinois Xi Jinping a effectué une visite d'État à Moscou du 7 au 10 mai. "
        "Il a rencontré Vladimir Poutine au Kremlin. L'Union européenne a imposé de nouvelles "
        "sanctions contre la Russie, et les États-Unis ont condamné les frappes de drones sur "
        "l'Ukraine."
    ),
    "russian": (
        "Председатель КНР Си Цзиньпин прибыл в Москву с государственным визитом. Путин и Си "
        "провели переговоры в Кремле. Евросоюз ввёл новые санкции против России, а США осудили "
        "удары беспилотников по Украине."
    ),
    "chinese": (
        "中国国家主席习近平于5月7日抵达莫斯科，对俄罗斯进行国事访问。两国元首在克里姆林宫举行会谈。"
        "欧盟宣布对俄罗斯实施新的制裁，美国谴责了对乌克兰的无人机袭击。"
    ),
    "spanish": (
        "El presidente chino Xi Jinping visitó Moscú el 7 de mayo y se reunió con Vladímir "
        "Putin. La Unión Europea impuso nuevas sanciones a Rusia."
    ),
    "german": (
        "Der chinesische Präsident Xi Jinping besuchte am 7. Mai Moskau und traf Wladimir Putin. "
        "Die EU verhängte neue Sanktionen gegen Russland."
    ),
}


@pytest.mark.parametrize("language", list(NON_ENGLISH))
def test_non_english_text_invents_no_events(analyzer: Analyzer, language: str) -> None:
    assert analyzer.analyze(NON_ENGLISH[language], published=PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "&lt;p&gt;&amp;nbsp;&amp;amp; &#128512; &quot;hello&quot; &lt;/p&gt; &copy; 2025 &mdash; "
        "&hellip; &#0; &#xD800; &bogus; &amp;&amp;&amp;",
        "🇨🇳🤝🇷🇺 💣💥🇺🇦 🔥🔥 😀😀😀 🇺🇸⚔️🇮🇷 🇮🇳✈️🇷🇺",
        "&#x1F1E8;&#x1F1F3; &#x1F91D; &#x1F1F7;&#x1F1FA; " * 2000,
        ("🇨🇳🤝🇷🇺 &amp; " * 20_000),
        "\x00\x01\x02\x1b[31m\x7f\ufeff\ufffd\ufffe",
    ],
)
def test_entities_emoji_and_control_characters_invent_no_events(
    analyzer: Analyzer, text: str
) -> None:
    assert analyzer.analyze(text, published=PUBLISHED) == []


def test_emoji_around_a_real_event(analyzer: Analyzer) -> None:
    text = "🇨🇳🇷🇺 Xi Jinping visited Moscow on May 7. 🤝🔥 &amp; &#128512;"
    events = analyzer.analyze(text, published=PUBLISHED)
    check_offsets(text, events)
    assert [(e.type, {a.code for a in e.actor}) for e in events] == [("CONSULT", {"CHN"})]


def test_lone_surrogate_does_not_crash(analyzer: Analyzer) -> None:
    text = "Xi Jinping visited Moscow \ud800 on May 7."
    events = analyzer.analyze(text, published=PUBLISHED)
    assert [e.type for e in events] == ["CONSULT"]
