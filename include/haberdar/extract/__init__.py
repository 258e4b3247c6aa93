"""Stage 2: Turkish news text -> institutions, persons, events and agreements.

A pipeline of small steps over one document: sentences and tokens (text),
institution mentions (institutions), persons (persons), events and agreements
(events). Lexicons and gazetteers are data files in haberdar/lexicons."""

EXTRACTOR_VERSION = "0.1.0"
