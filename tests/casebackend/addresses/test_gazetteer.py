"""Reading a gazetteer CSV: each row checked, every problem reported with its line number;
and loading it, replacing what was there, in one transaction (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casebackend.addresses import service
from casebackend.addresses.models import Address
from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.demo import load_demo_gazetteer
from casebackend.identity.principal import SYSTEM
from shared.errors import InvalidInput

GOOD = """\
uprn,postcode,line,latitude,longitude
100,ng1 2fx,"1 Pennywhistle Lane,  City Centre",52.95,-1.14
0000200,NG1 2FX,2 Pennywhistle Lane,,
"""


def read(text: str) -> list[service.GazetteerEntry]:
    return service.read_gazetteer(text.splitlines(keepends=True))


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as refused:
        read(text)
    return list(refused.value.details.get("problems", [refused.value.message]))


def test_good_rows_are_read_into_one_form():
    assert read(GOOD) == [
        service.GazetteerEntry("100", "NG1 2FX", "1 Pennywhistle Lane, City Centre", 52.95, -1.14),
        service.GazetteerEntry("200", "NG1 2FX", "2 Pennywhistle Lane"),
    ]


def test_the_point_columns_are_optional_and_columns_may_come_in_any_order():
    text = "Line, UPRN ,Postcode\n2 Kestrelwing Row,7,ng5 4wj\n\n"
    assert read(text) == [service.GazetteerEntry("7", "NG5 4WJ", "2 Kestrelwing Row")]


def test_every_bad_row_is_named_by_its_line():
    text = (
        "uprn,postcode,line,latitude,longitude\n"
        "1,NG1 2FX,1 Good Street,,\n"
        "12a,NG1 2FX,2 Good Street,,\n"
        "3,NOT A POSTCODE,3 Good Street,,\n"
        "4,NG1 2FX,   ,,\n"
        "5,NG1 2FX,5 Good Street,52.9,\n"
        "6,NG1 2FX,6 Good Street,north,-1.1\n"
        "7,NG1 2FX,7 Good Street,91,-1.1\n"
        "1,NG1 2FX,1 Good Street again,,\n"
        "9,NG1 2FX,9 Good Street, Northgate,,\n"
        "1234567890123,NG1 2FX,10 Good Street,,\n"
        "0,NG1 2FX,11 Good Street,,\n"
    )
    assert problems(text) == [
        "line 3: UPRN '12a' is not a number of 1 to 12 digits",
        "line 4: postcode 'NOT A POSTCODE' is not a UK postcode",
        "line 5: the address line is empty",
        "line 6: latitude and longitude go together: give both, or neither",
        "line 7: latitude 'north' is not a number from -90 to 90",
        "line 8: latitude '91' is not a number from -90 to 90",
        "line 9: UPRN 1 is already on line 2",
        "line 10: expected 5 values, found 6 (an address with a comma needs double quotes "
        "around it)",
        "line 11: UPRN '1234567890123' is not a number of 1 to 12 digits",
        "line 12: UPRN '0' is not a number of 1 to 12 digits",
    ]


def test_a_row_with_several_problems_names_each():
    assert problems("uprn,postcode,line\nx,y,\n") == [
        "line 2: UPRN 'x' is not a number of 1 to 12 digits",
        "line 2: postcode 'y' is not a UK postcode",
        "line 2: the address line is empty",
    ]


def test_control_characters_and_overlong_lines_are_refused():
    text = f'uprn,postcode,line\n1,NG1 2FX,"a\x00b"\n2,NG1 2FX,{"x" * 401}\n'
    assert problems(text) == [
        "line 2: the address line contains control characters",
        "line 3: the address line is longer than 400 characters",
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "The gazetteer is empty. Its first line must name the columns uprn,"),
        ("\nuprn,postcode,line\n", "line 1: the first line must name the columns"),
        ("100,NG1 2FX,1 High Street\n", "line 1: the first line must name the columns"),
        ("uprn,postcode,address\n", "it has uprn,postcode,address"),
        ("uprn,postcode,line,latitude\n", "latitude,longitude"),
        ("uprn,postcode,line,line\n", "line 1: the first line must name the columns"),
        ("uprn,postcode,line\n\n", "The gazetteer has no addresses"),
    ],
)
def test_a_file_that_is_not_a_gazetteer_says_what_it_needs(text, says):
    with pytest.raises(InvalidInput) as refused:
        read(text)
    assert says in refused.value.message


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "llpg.csv"
    path.write_bytes("uprn,postcode,line\n1,NG1 2FX,Caf\xe9 Row\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match="is not UTF-8 text"):
        service.read_gazetteer_file(path)


def test_a_byte_order_mark_is_allowed(tmp_path):
    path = tmp_path / "llpg.csv"
    path.write_text("uprn,postcode,line\n1,NG1 2FX,Café Row\n", encoding="utf-8-sig")
    assert service.read_gazetteer_file(path)[0].line == "Café Row"


def test_uprns_are_numbers():
    assert service.canonical_uprn("000123") == "123"
    assert service.canonical_uprn(" 990000000301 ") == "990000000301"
    assert service.canonical_uprn("0") is None
    assert service.canonical_uprn("12 3") is None


def test_the_demo_gazetteer_is_well_formed():
    entries = load_demo_gazetteer()
    postcodes = {e.postcode for e in entries}
    assert 30 <= len(entries) <= 40
    assert len(postcodes) == 6


def test_loading_replaces_the_gazetteer_in_one_transaction(database_url):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        assert service.add_missing(session, load_demo_gazetteer()) == 36
        assert service.add_missing(session, load_demo_gazetteer()) == 0
    with unit_of_work(sessions) as session:
        before, after = service.replace_gazetteer(session, read(GOOD))
    assert (before, after) == (36, 2)
    with sessions() as session:
        assert sorted(session.scalars(select(Address.uprn))) == ["100", "200"]
        found = service.find(session, SYSTEM, "NG12FX")
        assert [a.line for a in found.addresses] == [
            "1 Pennywhistle Lane, City Centre",
            "2 Pennywhistle Lane",
        ]
        assert service.find(session, SYSTEM, "NG5 4WJ").addresses == []
        assert service.postcode_for(session, "0200") == "NG1 2FX"
        assert service.postcode_for(session, "990000000301") is None
    # A failure part-way leaves the gazetteer as it was.
    with pytest.raises(RuntimeError, match="part-way"):
        _replace_then_fail(sessions)
    with sessions() as session:
        assert sorted(session.scalars(select(Address.uprn))) == ["100", "200"]
    engine.dispose()


def _replace_then_fail(sessions) -> None:
    with unit_of_work(sessions) as session:
        service.replace_gazetteer(session, load_demo_gazetteer())
        raise RuntimeError("part-way")
