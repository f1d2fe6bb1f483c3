"""Readers of the forms people write registrations in (SPEC §3).

Each reader is a small pure function from the author's text (lines, or rows of a table) to the
people it found there, each with the reader's name and the line it came from, so that one
chooser can apply the precision-first rule and the journal can say why someone was booked.
"""
