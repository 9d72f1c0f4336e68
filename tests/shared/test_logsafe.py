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
