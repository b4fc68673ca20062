"""The text layer: normalisation, sentences, vocabularies, dates and persons, each usable alone."""
