"""Near-duplicate fingerprints: copies score high, different stories on one event score low."""

from __future__ import annotations

from tacitus.ingest.fingerprint import band_keys, minhash, pack, similarity, unpack

STORY = (
    "Chinese President Xi Jinping arrived in Moscow on Wednesday for a four-day state visit, "
    "during which he is to hold talks with President Vladimir Putin and attend the Victory Day "
    "parade on Red Square. The two leaders are expected to sign a joint statement on deepening "
    "their comprehensive strategic partnership, and officials said more than twenty documents "
    "on trade, energy and technology were being prepared for signature. Kremlin aide Yuri "
    "Ushakov told reporters the talks would cover Ukraine and relations with the United States."
)
COPY = (
    STORY.replace("on Wednesday", "on Wednesday afternoon").replace("more than twenty", "over 20")
    + " Reporting by the wire service."
)
OTHER = (
    "The Russian and Chinese leaders met in the Kremlin for talks that both sides later called "
    "productive. Analysts in Beijing said the visit underlined a partnership that Western "
    "sanctions have pushed closer, while diplomats in Europe watched for signs of support for "
    "the war in Ukraine. No details of the economic agreements were published on the day."
)


def test_copy_is_similar_and_other_story_is_not() -> None:
    a, b, c = minhash(STORY), minhash(COPY), minhash(OTHER)
    assert similarity(a, b) >= 0.6
    assert similarity(a, c) < 0.2
    assert similarity(a, a) == 1.0


def test_copies_share_a_band() -> None:
    assert set(band_keys(minhash(STORY))) & set(band_keys(minhash(COPY)))
    assert not set(band_keys(minhash(STORY))) & set(band_keys(minhash(OTHER)))


def test_signature_round_trips_and_is_stable() -> None:
    sig = minhash(STORY)
    assert unpack(pack(sig)) == sig
    assert minhash(STORY.upper()) == sig  # case does not matter
    assert len(band_keys(sig)) == 16
    assert all(0 <= k < 2**63 for k in band_keys(sig))


def test_tiny_and_empty_texts() -> None:
    assert similarity(minhash("Talks"), minhash("talks")) == 1.0
    assert similarity((), ()) == 0.0
