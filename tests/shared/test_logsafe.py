from shared.logsafe import describe


def _explode(secret: str) -> None:
    raise ValueError(f"cannot use {secret}")


def test_an_unexpected_error_is_described_without_its_message():
    try:
        _explode("Ceri Jones, 07700 900123")
    except ValueError as exc:
        text = describe(exc)
    assert "ValueError" in text
    assert "_explode" in text  # where it happened
    assert "Ceri Jones" not in text
    assert "07700 900123" not in text
