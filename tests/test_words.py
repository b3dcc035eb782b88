from negotiator.words import count


def test_counts_read_as_english() -> None:
    assert count(1, "offer") == "1 offer"
    assert count(0, "offer") == "0 offers"
    assert count(2, "action point") == "2 action points"
    assert count(3, "party", "parties") == "3 parties"
