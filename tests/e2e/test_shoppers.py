"""The simulated shoppers (tests/shoppers/shoppers.yml) over the REST channel with
the real servers: free-text replies keyed by what the assistant asks, never
button payloads. Prints how many were fully understood, the median turns to
the advice and how many messages were repeated; fails below the gates. The dev
shoppers (tests/shoppers/dev_shoppers*.yml, used for tuning) are a regression suite."""

from scripts.shoppers import load, load_dev, play_all, report, summary

# Gates: 66/68 (0.971) fully understood, median 4 turns, 0 repeats in the run of 2026-12-06;
# the share is gated 2 points below (tests/nlu/gates.yml has the NLU gates).
MIN_UNDERSTOOD = 0.95
MAX_MEDIAN_TURNS = 7
MAX_REPEATED = 0


def test_simulated_shoppers(servers):
    results = play_all(servers, load())
    print("\n" + report(results))
    s = summary(results)
    assert s["shoppers"] >= 60
    assert s["median_turns_to_advice"] is not None and s["median_turns_to_advice"] <= MAX_MEDIAN_TURNS
    assert s["repeated_messages"] <= MAX_REPEATED, report(results)
    assert s["understood_share"] >= MIN_UNDERSTOOD, report(results)
    up_front = [r for r, sh in zip(results, load()) if (sh.get("expect") or {}).get("max_turns")]
    assert all(r.turns_to_advice is not None and r.turns_to_advice <= 4 for r in up_front), \
        [(r.name, r.turns_to_advice) for r in up_front]


# The dev shoppers were tuned on (548/600 on 2026-12-06, 741/800 with dev16 to dev20, then
# 871/920 with dev21 to dev23 on 2026-12-07, 911/960 with dev24, 950/1000 with dev25, 987/1040 with dev26, 1028/1080 with dev27, 1061/1120 with dev28, 1089/1160 with dev29, 1130/1200 with dev30, 1170/1240 with dev31, 1209/1280 with dev32, 1246/1320 with dev33, 1286/1360 with dev34, 1326/1400 with dev35, 1368/1440 with dev36, 1405/1480 with dev37, 1444/1520 with dev38, 1482/1560 with dev39, 1568/1640 with dev40 and dev41, 1646/1720 with dev42 and dev43, 1711/1800 with dev44 and dev45, 1791/1880 with dev46 and dev47, 1868/1960 with dev48 and dev49, 1948/2040 with dev50 and dev51, 1979/2080 with dev52 and dev53, 2056/2160 with dev54 and dev55, 2131/2240 with dev56 and dev57, 2209/2320 with dev58 and dev59, 2282/2400 with dev60 and dev61, 2349/2480 with dev62 and dev63, 2587/2720 with dev64 to dev69, 2667/2800 with dev70 and dev71, 2747/2880 with dev72 and dev73, 2827/2960 with dev74 and dev75, 2907/3040 with dev76 and dev77), so their gate only catches a regression; the
# numbers to report are the first play of each round (see the file). About 2 points below that
# run: dev11 to dev77 are tuned to 31/40, 29/40, 38/40, 36/40, 31/40, 40/40, 37/40, 37/40,
# 37/40, 37/40, 40/40, 40/40, 39/40, 40/40, 39/40, 37/40, 39/40, 32/40, 28/40, 40/40, 40/40, 39/40, 37/40, 40/40, 40/40, 40/40, 37/40, 39/40, 38/40, 40/40, 38/40, 38/40, 40/40, 30/40, 35/40, 37/40, 38/40, 39/40, 38/40, 39/40, 39/40, 14/20, 17/20, 40/40, 37/40, 37/40, 38/40, 38/40, 39/40, 36/40, 36/40, 34/40, 33/40, 39/40, 40/40, 40/40, 40/40, 39/40, 36/40, 40/40, 40/40, 39/40, 40/40, 40/40, 40/40, 40/40 and 40/40.
MIN_DEV_UNDERSTOOD = 0.925


def test_dev_shoppers_regression(servers):
    shoppers = load_dev()
    results = play_all(servers, shoppers)
    print("\ndev shoppers (tuned on, regression only): " + report(results))
    s = summary(results)
    assert s["shoppers"] == 3040
    assert s["repeated_messages"] <= MAX_REPEATED, report(results)
    assert s["understood_share"] >= MIN_DEV_UNDERSTOOD, report(results)
