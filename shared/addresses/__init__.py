"""Addresses from the council's gazetteer (LLPG): what a postcode look-up answers, and the
one reading of a typed UK postcode that both ends use."""

from shared.addresses.postcodes import POSTCODE_PROBLEM, parse_postcode
from shared.addresses.schemas import AddressMatch, AddressMatches

__all__ = ["POSTCODE_PROBLEM", "AddressMatch", "AddressMatches", "parse_postcode"]
