"""`firststop admin load-gazetteer FILE`, run as an operator would."""

from __future__ import annotations

from tests.firststop.test_cli import firststop

COUNCIL = """\
uprn,postcode,line,latitude,longitude
100023336956,NG7 1AA,"1 Quillfeather Street, Northgate",52.96,-1.17
100023336957,ng7 1aa,"3 Quillfeather Street, Northgate",,
100023336958,NG71AB,"The Lantern House, Quillfeather Street, Northgate",,
"""


def test_a_council_loads_its_gazetteer_and_it_replaces_the_old_one(backend, tmp_path):
    db = ["--database", backend.context.settings.database_url]
    kiosk, _ = backend.enrol()
    before = backend.http.get(
        f"{backend.api}/addresses", params={"postcode": "NG1 2FX"}, headers=kiosk
    )
    assert len(before.json()["addresses"]) == 7

    path = tmp_path / "llpg.csv"
    path.write_text(COUNCIL, encoding="utf-8")
    loaded = firststop("admin", *db, "load-gazetteer", str(path))
    assert loaded.returncode == 0, loaded.stderr
    assert "Gazetteer loaded: 3 addresses at 2 postcodes (it held 36 before" in loaded.stdout

    # A running backend answers from the new gazetteer at once: nothing is cached.
    after = backend.http.get(
        f"{backend.api}/addresses", params={"postcode": "ng71aa"}, headers=kiosk
    )
    assert [a["line"] for a in after.json()["addresses"]] == [
        "1 Quillfeather Street, Northgate",
        "3 Quillfeather Street, Northgate",
    ]
    gone = backend.http.get(
        f"{backend.api}/addresses", params={"postcode": "NG1 2FX"}, headers=kiosk
    )
    assert gone.json()["addresses"] == []


def test_a_bad_file_changes_nothing_and_names_each_line(tmp_path):
    db = ["--database", f"sqlite:///{tmp_path / 'admin.sqlite3'}"]
    seeded = firststop("admin", *db, "seed-demo")
    assert seeded.returncode == 0, seeded.stderr
    assert "36 addresses" in seeded.stdout

    rows = [f"{n},NG1 2FX,{n} Good Street" for n in range(1, 4)]
    rows += [f"x{n},NG1 2FX,{n} Bad Street" for n in range(30)]
    path = tmp_path / "llpg.csv"
    path.write_text("uprn,postcode,line\n" + "\n".join(rows) + "\n", encoding="utf-8")
    refused = firststop("admin", *db, "load-gazetteer", str(path))
    assert refused.returncode == 2
    assert "The gazetteer has 30 problems." in refused.stderr
    assert "line 5: UPRN 'x0' is not a number of 1 to 12 digits" in refused.stderr
    assert "… and 10 more." in refused.stderr
    assert "Nothing was changed." in refused.stderr
    assert "Traceback" not in refused.stderr

    header = tmp_path / "header.csv"
    header.write_text("UPRN;Postcode;Address\n", encoding="utf-8")
    wrong = firststop("admin", *db, "load-gazetteer", str(header))
    assert wrong.returncode == 2
    assert "the first line must name the columns uprn,postcode,line" in wrong.stderr

    missing = firststop("admin", *db, "load-gazetteer", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2
    assert "There is no file" in missing.stderr

    from sqlalchemy import func, select

    from casebackend.addresses.models import Address
    from casebackend.db.engine import make_engine, make_session_factory

    engine = make_engine(db[1])
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Address)) == 36
    engine.dispose()
