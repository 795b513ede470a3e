"""Speed of the time-expression tagger on a synthetic 5,000-word news article.

Run: `.venv/bin/python benchmarks/timex_speed.py [--words N] [--repeat R]`. Prints the time
per article (best of R rounds), words/s and mentions/s. Not a test: wall-clock numbers depend
on the machine, so nothing here asserts on them.

The article is built from wire-style sentences, a third of them (`--dated`) carrying time
expressions (dates, ranges, weekdays, relative days, years) and the rest carrying the numbers,
names and "may"/"march" traps that the tagger has to look at and reject. At the default share
the text holds about one mention per 25 words, denser than real wire copy (one per 50 to 75
words), so it is a pessimistic case.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from tacitus.nlp.timex import TimeTagger

ANCHOR = date(2025, 5, 13)

DATED = [
    "Chinese President Xi Jinping arrived in Moscow on Wednesday for a four-day state visit.",
    "The ceasefire will run from 00:00 on May 8 until 00:00 on the night of May 11.",
    "Leaders of the Group of 20 gather in Johannesburg on November 22 and 23.",
    "Trade between the two countries reached a record $245 billion last year.",
    "The talks, held from May 7 to 10, 2025, ended without a joint statement.",
    "Ministers met in Brasilia on 9 May and again in late June.",
    "The sanctions have been in force since February 2022 and were extended until 2030.",
    "Putin is expected to make a return trip to China later this year.",
    "The foreign ministers spoke by telephone yesterday and will meet next week.",
    "Since the start of the war in 2022, more than six million people have fled.",
    "The agreement, signed in 2019, expires at the end of next year.",
    "On Thursday night, drones struck an oil depot near the border.",
    "Exports fell in the first quarter of 2025 after rising through 2022-2024.",
    "The envoy said on Monday that talks could resume in early June.",
    "Thursday's talks lasted more than five hours, officials said.",
]

UNDATED = [
    "Ministers signed more than 20 agreements on trade, energy and transport.",
    "Xi may visit Moscow again, according to people familiar with the plans.",
    "Soldiers will march across Red Square alongside troops from 13 countries.",
    "The 80th anniversary parade featured 76 aircraft and 15 ships.",
    "Resolution 2774 was adopted with 10 votes in favour and 5 abstentions.",
    "The G20 has 21 members, including the African Union.",
    "It may be that Washington will seek a lower level of representation.",
    "Its 16th summit is expected to focus on debt relief and critical minerals.",
    "The spokesman declined to comment on the report, citing security concerns.",
    "Analysts said the decision reflected a broader shift in regional alliances.",
    "The delegation included the ministers of finance, defence and foreign affairs.",
    "Officials described the atmosphere as constructive but said gaps remained.",
    "The company said it had shipped 1,250 tonnes of grain through the port.",
    "Covid-19 restrictions had delayed the project by several months.",
    "Opposition leaders called for an independent inquiry into the incident.",
]


def article(words: int, dated: float = 1 / 3, seed: int = 7) -> str:
    """About `words` words of news prose, a share `dated` of its sentences with time
    expressions; the same text for the same arguments."""
    rng = random.Random(seed)
    sentences: list[str] = []
    count = 0
    while count < words:
        pool = DATED if rng.random() < dated else UNDATED
        sentence = rng.choice(pool)
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument(
        "--dated", type=float, default=1 / 3, help="share of sentences with time expressions"
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--loops", type=int, default=20)
    args = parser.parse_args()

    started = time.perf_counter()
    tagger = TimeTagger.default()
    build = time.perf_counter() - started
    text = article(args.words, args.dated)
    tagger.tag(text, ANCHOR)  # warm-up

    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for _ in range(args.loops):
            mentions = tagger.tag(text, ANCHOR)
        best = min(best, (time.perf_counter() - started) / args.loops)

    words = len(text.split())
    print(f"build (load YAML, compile): {build * 1000:.1f} ms")
    print(f"article: {words} words, {len(text)} characters, {len(mentions)} mentions")
    print(f"tag: {best * 1000:.2f} ms per article (best of {args.repeat} x {args.loops})")
    print(f"     {words / best:,.0f} words/s, {len(mentions) / best:,.0f} mentions/s")


if __name__ == "__main__":
    main()
