"""The nominative a Ukrainian or Russian name was inflected from: Харкові → харків, Луганської області → луганська область.

Both languages decline names (Харкова, Харкові, під Бахмутом, в Киеве, Зеленського), and the
gazetteer lists each name once, in the nominative. pymorphy3's dictionaries give every reading of a
word form; for a name the likeliest is a place (the Russian dictionary marks them Geox), then an
inanimate noun that is no personal name (Харкові is also the dative of a surname "Харко", Києві of
a given name "Кий"), then the rest. In a name of several words, an adjective takes the gender of
the noun that ends the name, in the nominative (Луганської області → луганська область, Кривого
Рогу → кривий ріг), as the gazetteer writes it; the words of a person's name are each put back
in the nominative (Володимира Зеленського → володимир зеленський). An ordinary word is searched
by its dictionary forms (:func:`lemmas`), as an English one is by its stem.

The same readings tell the entity layer what a word may be besides: the oblast a feminine place
adjective names (:func:`feminine_adjectives`), the city an adjective is made from
(:func:`adjective_places`), the given names and nominatives of a person's words
(:func:`given_name_forms`, :func:`personal_nominatives`, :func:`is_patronymic`, :func:`is_surname`, :func:`is_genitive_noun`).
"""

from functools import lru_cache

import pymorphy3
from whoosh.lang import stemmer_for_language

from ..memo import WORDS
from .translit import detect_language, has_cyrillic

_PERSONAL = frozenset({"Name", "Surn", "Patr"})
#: Readings that make a word a name: a person's, a place's, an organisation's, or a trademark.
_NAMING = _PERSONAL | {"Geox", "Orgn", "Trad"}
#: Parts of speech a given name never shares a spelling with in running text: pronouns, conjunctions,
#: prepositions, particles, adverbs, interjections, predicatives, numerals and verbs.
_GRAMMAR_OR_VERB = frozenset({"NPRO", "CONJ", "PREP", "PRCL", "ADVB", "INTJ", "PRED", "NUMR", "VERB", "INFN", "GRND"})
#: Readings of one word worth trying, best first.
MAX_READINGS = 3


@lru_cache(maxsize=WORDS)
def nominatives(phrase: str) -> tuple[str, ...]:
    """The nominative phrases a normalized Cyrillic phrase may be a form of, likeliest first (the
    phrase itself left out); none for a phrase with a word that is not Cyrillic. Each language's
    readings are taken on their own: a name is declined in one language."""
    words = phrase.split(" ")
    if not all(map(has_cyrillic, words)):
        return ()
    found = []
    for language in _languages(phrase):
        readings = [_readings(word, language) for word in words]
        if any(not r for r in readings):
            continue
        head = next((p for p in readings[-1] if p.tag.POS == "NOUN"), readings[-1][0])
        before = [_agreeing(r, head) for r in readings[:-1]]
        found.append(" ".join(before + [head.normal_form]))
        if len(words) > 1 and "plur" in head.tag.grammemes:
            # A name in the plural stays plural (Сполучених Штатів → сполучені штати, Объединенных Арабских
            # Эмиратов → объединенные арабские эмираты), though its dictionary form is the singular.
            plural = head.inflect({"nomn", "plur"})
            if plural is not None:
                found.append(" ".join(before + [plural.word]))
        found += [" ".join(choice) for choice in _each_best(readings)]
        found += _complemented(words, readings)
    return tuple(f for f in dict.fromkeys(_plain_e(f) for f in found) if f != phrase)


def _complemented(words: list[str], readings) -> list[str]:
    """A name whose last words are a genitive that stays as it is (Сполучених Штатів Америки → сполучені
    штати америки): the words before it in the nominative, the head noun in the number it is printed in."""
    found = []
    for end in range(len(words) - 1, 0, -1):
        head = next((p for p in readings[end - 1] if p.tag.POS == "NOUN"), None)
        if head is None or not any("gent" in p.tag.grammemes for p in readings[end]):
            continue
        number = "plur" if "plur" in head.tag.grammemes else "sing"
        nominative = head.inflect({"nomn", number})
        if nominative is not None:
            found.append(" ".join([_agreeing(r, nominative) for r in readings[: end - 1]] + [nominative.word] + words[end:]))
    return found


@lru_cache(maxsize=WORDS)
def name_starts(word: str) -> tuple[str, ...]:
    """The first words, in the nominative, of the names a Cyrillic word may begin: its nominatives, and an
    adjective's in every gender and the plural (Луганської may begin Луганська область or Луганський район)."""
    if not has_cyrillic(word):
        return ()
    found = list(nominatives(word))
    for language in _languages(word):
        for reading in _readings(word, language):
            if reading.tag.POS in ("ADJF", "PRTF"):
                for form in ({"nomn", "masc"}, {"nomn", "femn"}, {"nomn", "neut"}, {"nomn", "plur"}):
                    inflected = reading.inflect(form)
                    if inflected is not None:
                        found.append(_plain_e(inflected.word))
    return tuple(dict.fromkeys(found))


def lemmas(word: str) -> tuple[str, ...]:
    """The dictionary forms of an ordinary Cyrillic word (війни: війна, and the verb війнути), in the
    language whose dictionary knows it; when none does (a new word, a name, a misprint), the word itself
    and, where it may be Russian, its Snowball stem (беспилотниками: беспилотник), so its other case forms
    still meet."""
    forms = [_plain_e(p.normal_form) for p in _dictionary_readings(word)]
    if forms:
        return tuple(dict.fromkeys(forms))[:MAX_READINGS]
    if "ru" in _languages(word):
        return tuple(dict.fromkeys((word, _russian_stem(word))))
    return (word,)


def ordinary_word(word: str) -> bool:
    """A Cyrillic word the dictionary knows only as an ordinary word (в, війна, будинок), never as a
    name (Гриценко, Харків and words it has never seen may be names)."""
    readings = _dictionary_readings(word) if has_cyrillic(word) else ()
    return bool(readings) and not any(_NAMING & p.tag.grammemes for p in readings)


@lru_cache(maxsize=WORDS)
def _dictionary_readings(word: str) -> tuple:
    """The word's readings in the first of its languages whose dictionary knows it (none: an unknown word)."""
    for language in _languages(word):
        if _analyzer(language).word_is_known(word):
            return tuple(_analyzer(language).parse(word))
    return ()


def _nominative_of(reading) -> str:
    """A name's reading in the nominative, its gender kept: the dictionary form, but a woman's surname's
    own (Дегтяревой: дегтярева, not дегтярев); inflected only where it must be, as inflecting is slow."""
    if "nomn" in reading.tag.grammemes:
        return reading.word
    if "femn" in reading.tag.grammemes:
        inflected = reading.inflect({"nomn", "sing"})
        if inflected is not None:
            return inflected.word
    return reading.normal_form


def _agreeing(readings, head) -> str:
    """A word before the head noun in the nominative: an adjective in the head's gender and number."""
    adjective = next((p for p in readings if p.tag.POS in ("ADJF", "PRTF")), None)
    if adjective is not None:
        wanted = {"nomn", "plur"} if "plur" in head.tag.grammemes else {"nomn", head.tag.gender or "masc"}
        inflected = adjective.inflect({g for g in wanted if g})
        if inflected is not None:
            return inflected.word
    return readings[0].normal_form


def _each_best(readings) -> list[list[str]]:
    """Each word's own likeliest nominatives, the first reading of every word, then the others of the last."""
    first = [r[0].normal_form for r in readings]
    return [first] + [first[:-1] + [p.normal_form] for p in readings[-1][1:]]


def people_nouns(word: str) -> tuple[str, ...]:
    """The nouns for people that are no personal name a word may be a form of (Українці: українець,
    Ukrainians; Охтирці: охтирець, a man from Okhtyrka), which a reader takes it for before a town's case
    form (the town Ukrainka's locative), though not before a country's or a city's (Білорусі is Belarus's
    locative before it is a Belarusian's)."""
    if not has_cyrillic(word) or " " in word:
        return ()
    return tuple(dict.fromkeys(p.normal_form for p in _dictionary_readings(word) if _people_noun(p)))


@lru_cache(maxsize=WORDS)
def feminine_adjectives(word: str) -> tuple[str, ...]:
    """The nominative feminine of a Cyrillic adjective in the feminine (Харківській, Брянской: харківська,
    брянская): область is feminine, so in "у Київській, Харківській та Луганській областях" each
    adjective names an oblast."""
    found = []
    for language in _languages(word) if has_cyrillic(word) and " " not in word else ():
        for reading in _analyzer(language).parse(word):
            if reading.tag.POS == "ADJF" and "femn" in reading.tag.grammemes:
                inflected = reading.inflect({"nomn", "femn", "sing"} if language == "ru" else {"nomn", "femn"})
                if inflected is not None:
                    found.append(_plain_e(inflected.word))
    return tuple(dict.fromkeys(found))


#: How a place adjective's dictionary form ends, and the endings of the names it may be made from.
_ADJECTIVE_ENDINGS = (
    ("цький", ("цьк", "к")), ("цкий", ("цк", "к")),  # донецький: Донецьк; кременчуцький: Кременчук
    ("зький", ("жжя",)),  # запорізький: Запоріжжя
    ("ський", ("", "ськ", "а", "я", "и", "і", "ь", "са")),  # київський: Київ; луганський: Луганськ; одеський: Одеса
    ("ский", ("", "ск", "а", "я", "и", "ье", "ь", "са", "о")),  # киевский: Киев; запорожский: Запорожье; одесский: Одесса;
    # глушковский: Глушково
)
#: Adjectives that add -ан- or -ин- to a name in -а (суджанский: Суджа; сергокалинский: Сергокала).
_LINKING = ("ан", "ин")


@lru_cache(maxsize=WORDS)
def adjective_places(word: str) -> tuple[str, ...]:
    """The names a Cyrillic adjective may be the adjective of, for the gazetteer to tell which is one
    (киевский, Киевского: киев; харківський: харків; запорожской: запорожье; одеських: одеса;
    Суджанского: суджа)."""
    found = []
    for reading in _dictionary_readings(word) if has_cyrillic(word) else ():
        if reading.tag.POS != "ADJF":
            continue
        lemma = _plain_e(reading.normal_form)
        for suffix, endings in _ADJECTIVE_ENDINGS:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 1:
                base = lemma[: -len(suffix)]
                found += [base + ending for ending in endings]
                if base.endswith(_LINKING) and len(base) > 4:
                    found.append(base[:-2] + "а")
                break
    return tuple(dict.fromkeys(found))


def given_name_forms(word: str) -> tuple[str, ...]:
    """The given names a Cyrillic word is a form of, as the dictionary reads it (Бориса: борис, Ненсі: ненсі);
    none for a word that may also be a word of grammar or a verb (Тому, "therefore", is also Том's dative),
    though a noun may be a name too (Надія, "hope"; Слава, "glory")."""
    readings = _dictionary_readings(word)
    if any(p.tag.POS in _GRAMMAR_OR_VERB for p in readings):
        return ()
    return tuple(dict.fromkeys(_plain_e(p.normal_form) for p in readings if "Name" in p.tag.grammemes))


def is_patronymic(word: str) -> bool:
    """A Cyrillic word the dictionary reads as a patronymic (Руслановичу, Олександрович)."""
    return any("Patr" in p.tag.grammemes for p in _dictionary_readings(word)) if has_cyrillic(word) else False


def is_genitive_noun(word: str) -> bool:
    """A Cyrillic word the dictionary reads as an ordinary noun in the genitive (компании, міста, району)."""
    return has_cyrillic(word) and any(p.tag.POS == "NOUN" and "gent" in p.tag.grammemes and not _NAMING & p.tag.grammemes
                                      for p in _dictionary_readings(word))


def is_surname(word: str) -> bool:
    """A Cyrillic word the dictionary reads as (a case form of) a surname (Шевченка, Бречаловым)."""
    return any("Surn" in p.tag.grammemes for p in _dictionary_readings(word)) if has_cyrillic(word) else False


@lru_cache(maxsize=WORDS)
def personal_nominatives(word: str) -> tuple[str, ...]:
    """The nominatives a Cyrillic word of a person's name may be a form of, gender kept (Романченка:
    романченко; Дегтяревой: дегтярева; Маском: маск), from its readings as a given name, surname or
    patronymic (the word itself when it is in the nominative), guessed from the ending for a name the dictionary
    lacks; none when it has no such reading."""
    found = []
    for language in _languages(word) if has_cyrillic(word) else ():
        for reading in _analyzer(language).parse(word):
            if _PERSONAL & reading.tag.grammemes:
                found.append(_plain_e(_nominative_of(reading)))
    return tuple(dict.fromkeys(found))[:MAX_READINGS]


#: Instrumental endings of a man's name, the only case endings with a consonant (Бетелем, Ковачем, Смитом).
_INSTRUMENTAL = ("ом", "ем", "єм", "ём", "ым", "им", "ім")


def guessed_nominatives(word: str) -> tuple[str, ...]:
    """A Cyrillic word of a name no dictionary reads as one (a foreign surname: Бетелем): the word, and the word
    less an instrumental ending; other case endings are vowels, which a sound key leaves out anyway."""
    stem = next((word[: -len(e)] for e in _INSTRUMENTAL if word.endswith(e) and len(word) > len(e) + 2), None)
    return (word, stem) if stem else (word,)


def _people_noun(parse) -> bool:
    """A reading as a noun for people that is no personal name (українець, житель)."""
    return parse.tag.POS == "NOUN" and "anim" in parse.tag.grammemes and not _PERSONAL & parse.tag.grammemes


@lru_cache(maxsize=WORDS)
def _readings(word: str, language: str) -> tuple:
    """The word's readings in a language that a name may have, a name's likeliest first: not those of a
    noun for people that is no personal name (Українці is Ukrainians, not the town Ukrainka)."""
    readings = [p for p in _analyzer(language).parse(word) if not _people_noun(p)]
    ranked = sorted(readings, key=_rank)  # stable: the dictionary's order within a rank
    distinct, seen = [], set()
    for parse in ranked:
        if parse.normal_form not in seen:
            seen.add(parse.normal_form)
            distinct.append(parse)
    return tuple(distinct[:MAX_READINGS])


def _rank(parse) -> int:
    tag = parse.tag
    if "Geox" in tag.grammemes:
        return 0
    if tag.POS == "NOUN" and "inan" in tag.grammemes and not _PERSONAL & tag.grammemes:
        return 1
    return 2


def _languages(phrase: str) -> tuple[str, ...]:
    """The language a phrase's letters tell (see :func:`.translit.detect_language`), else both."""
    language = detect_language(phrase)
    return (language,) if language else ("uk", "ru")


def _plain_e(text: str) -> str:
    """ё written as е, as Russian prints it more often than not."""
    return text.replace("ё", "е")


@lru_cache(maxsize=1)
def _russian_stemmer():
    return stemmer_for_language("ru")


def _russian_stem(word: str) -> str:
    return _plain_e(_russian_stemmer()(word))


@lru_cache(maxsize=2)
def _analyzer(language: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=language)
