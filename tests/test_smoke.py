from checker.engine import check_text


def test_seed_sentence_is_flagged():
    text = ("Air defences destroyed 32 drones overnight: four each over Belgorod and Bryansk, "
            "two over Voronezh, one each over Kursk and Tula.")
    analysis = check_text(text)
    assert [f.rule_id for f in analysis.findings] == ["TC101"]
