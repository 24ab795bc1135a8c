"""Telegram Desktop exports: one document per message, the channel its source, forwards noted."""

import json

CHANNEL = {
    "name": "Харківська ОВА", "type": "public_channel", "id": 1001234567, "username": "synegubov",
    "messages": [
        {"id": 10, "type": "service", "date": "2022-03-01T08:00:00", "date_unixtime": "1646121600",
         "action": "pin_message", "text": ""},
        {"id": 11, "type": "message", "date": "2022-03-01T23:30:00", "date_unixtime": "1646177400",
         "text": "Вночі ворог обстріляв Харків. Загинули двоє людей."},
        {"id": 12, "type": "message", "date": "2022-03-02T09:00:00", "date_unixtime": "1646204400",
         "forwarded_from": "Генштаб ЗСУ",
         "text": ["Ситуація на ", {"type": "bold", "text": "Харківщині"}, " під контролем. ",
                  {"type": "link", "text": "https://example.org/report", "href": "https://example.org/report"}]},
        {"id": 13, "type": "message", "date": "2022-03-02T10:00:00", "date_unixtime": "1646208000",
         "photo": "photos/photo_1.jpg", "text": ""},
        "not a message",
    ],
}

ACCOUNT = {"chats": {"list": [
    {"name": "Новости Донбасса", "type": "public_channel", "id": 555, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": "В Донецке снова взрывы."}]},
    {"name": "Saved Messages", "type": "saved_messages", "id": 777, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1700003600", "text": "Note to self: call about Kharkiv."}]},
]}}


def test_a_channel_export_is_one_document_per_message(make_index):
    corpus = make_index({"ova/result.json": json.dumps(CHANNEL, ensure_ascii=False)})
    stored = corpus.stored()
    assert sorted(stored) == ["ova/result.json#11", "ova/result.json#12"]
    first, forward = stored["ova/result.json#11"], stored["ova/result.json#12"]
    assert first["source"] == "Харківська ОВА" and first["date"] == "2022-03-01"  # 23:30 UTC, not the next day
    assert first["url"] == "https://t.me/synegubov/11"
    assert forward["title"] == "Forwarded from Генштаб ЗСУ"
    assert forward["text"] == "Ситуація на Харківщині під контролем. https://example.org/report"
    assert corpus.problems == ["ova/result.json: a message of Харківська ОВА is not an object with an id; skipped"]


def test_messages_are_searched_like_any_document(make_index):
    corpus = make_index({"result.json": json.dumps(CHANNEL, ensure_ascii=False)})
    assert sorted(corpus.ids("Kharkiv")) == ["result.json#11"]
    assert sorted(corpus.ids("Kharkiv Oblast")) == ["result.json#12"]
    assert corpus.ids("", filters={"source": ["Харківська ОВА"]}) != []
    again = corpus.index()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_a_whole_account_export_reads_every_chat(make_index):
    corpus = make_index({"result.json": json.dumps(ACCOUNT, ensure_ascii=False)})
    stored = corpus.stored()
    assert sorted(stored) == ["result.json#555/1", "result.json#777/1"]
    assert stored["result.json#555/1"]["source"] == "Новости Донбасса"
    assert stored["result.json#555/1"]["date"] == "2023-11-14" and stored["result.json#555/1"]["url"] == ""
    assert corpus.ids("Donetsk") == ["result.json#555/1"]
