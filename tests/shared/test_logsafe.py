from shared.logsafe import describe

# Built at run time so that the traceback's source lines cannot contain it.
SECRET = "-".join(["Ceri Jones", "07700 900123"])


def _explode(secret: str) -> None:
    raise ValueError(f"cannot use {secret}")


def test_an_unexpected_error_is_described_without_its_message():
    try:
        _explode(SECRET)
    except ValueError as exc:
        text = describe(exc)
    assert "ValueError" in text
    assert "_explode" in text  # where it happened
    assert SECRET not in text


def test_the_filter_rewrites_a_record_that_would_print_the_message():
    import logging

    from shared.logsafe import WithholdExceptionText

    try:
        _explode(SECRET)
    except ValueError as exc:
        error = exc
    attached = logging.LogRecord("lib", logging.ERROR, __file__, 1, "boom\nmore", None, None)
    attached.exc_info = (ValueError, error, error.__traceback__)
    as_argument = logging.LogRecord(
        "lib", logging.WARNING, __file__, 1, "failed: %s", (error,), None
    )
    for record in (attached, as_argument):
        assert WithholdExceptionText().filter(record)
        logging.Formatter().format(record)
        assert SECRET not in record.getMessage()
        assert record.exc_info is None
        assert not record.exc_text
    assert attached.getMessage().startswith("boom: builtins.ValueError (message withheld)")
    assert as_argument.getMessage() == "failed: builtins.ValueError (message withheld)"
