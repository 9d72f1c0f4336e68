from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class AccountRead(BaseModel):
    model_config = ConfigDict(extra="forbid")

    service: str
    account_ref: str


class CustomerRead(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    postcode: str | None
    address: str
    accounts: list[AccountRead]
