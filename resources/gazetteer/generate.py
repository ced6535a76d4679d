#!/usr/bin/env python3
"""Generate Entente's gazetteer data files (resources/gazetteer/*.tsv) from their sources.

Sources (see README.md beside this script for the licence of each):
  - Debian's iso-codes: /usr/share/iso-codes/json/iso_3166-1.json and iso_3166-3.json, and the
    translation catalogues /usr/share/locale/<lang>/LC_MESSAGES/iso_3166-1.mo (ar, zh_CN, zh_TW, fr, ru, es);
  - the PETRARCH2 actor dictionaries in ../shared/data/petrarch2 (relative to the repository root);
  - the hand-kept supplement in supplement/*.tsv;
  - word counts of UD EWT train (../shared/data/training/ud/ewt-train.conllu.xz): which short words are words.

Python 3 standard library only. Re-run it after changing a source:
    python3 resources/gazetteer/generate.py [--shared ../shared] [--iso /usr/share/iso-codes/json]
It rewrites countries.tsv, names.tsv, people.tsv, organizations.tsv, regions.tsv and events.tsv; the output is sorted, so that
re-running it with unchanged sources gives identical files.
"""

import argparse
import datetime
import gettext
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

UN_LANGUAGES = ["ar", "zh_CN", "zh_TW", "fr", "ru", "es"]

# Words that stay lower case inside a title-cased phrase.
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "da", "do", "la", "le", "les", "es",
                  "el", "al", "du", "des", "y", "e", "von", "van", "der", "bin", "ibn"}

# A phrase with one of these words names an organisation, not a person.
ORG_WORDS = {"ARMY", "NAVY", "PARTY", "COUNCIL", "MINISTRY", "CONGRESS", "COMMITTEE", "COMMISSION", "AGENCY",
             "ORGANIZATION", "ORGANISATION", "INSTITUTE", "ACADEMY", "UNIVERSITY", "BANK", "FUND", "FORCE",
             "FORCES", "FRONT", "MOVEMENT", "ASSOCIATION", "UNION", "FEDERATION", "LEAGUE", "GOVERNMENT",
             "PARLIAMENT", "ASSEMBLY", "COURT", "OFFICE", "DEPARTMENT", "BUREAU", "SERVICE", "SERVICES",
             "POLICE", "GUARD", "GUARDS", "BRIGADE", "BRIGADES", "BATTALION", "CORPS", "CORPORATION", "COMPANY",
             "GROUP", "NEWS", "TIMES", "POST", "TELEVISION", "RADIO", "PRESS", "CENTER", "CENTRE", "FOUNDATION",
             "ALLIANCE", "SOCIETY", "CHURCH", "SENATE", "CABINET", "SECRETARIAT", "TRIBUNAL", "AUTHORITY",
             "REGIME", "ADMINISTRATION", "JUNTA", "MILITIA", "REBELS", "COALITION", "ORGANIZATIONS", "NETWORK",
             "PROGRAMME", "PROGRAM", "INITIATIVE", "BOARD", "DIVISION", "COMMAND", "AIRLINES", "AIRWAYS",
             "INC", "LTD", "MISSION", "CONFERENCE", "ASSOCIATES", "FORUM", "TRUST", "SCHOOL", "COLLEGE"}

# A phrase with one of these words is a role ("AMERICAN_VICE_PRESIDENT"), not a name.
ROLE_WORDS = {"PRESIDENT", "MINISTER", "SECRETARY", "PREMIER", "KING", "QUEEN", "PRINCE", "PRINCESS",
              "CHANCELLOR", "AMBASSADOR", "ENVOY", "SPOKESMAN", "SPOKESPERSON", "SPOKESWOMAN", "GENERAL",
              "COMMANDER", "CHIEF", "LEADER", "LEADERS", "OFFICIAL", "OFFICIALS", "GOVERNOR", "MAYOR", "SENATOR",
              "DEPUTY", "CHAIRMAN", "HEAD", "DIRECTOR", "REPRESENTATIVE", "DELEGATION", "TROOPS", "SOLDIERS",
              "PEACEKEEPER", "PEACEKEEPERS", "MONITOR", "MONITORS", "STAFF", "EMPEROR", "SULTAN", "EMIR",
              "SHEIKH", "AYATOLLAH", "POPE", "BISHOP", "CARDINAL", "JUDGE", "PROSECUTOR", "ADVISER", "ADVISOR",
              "VICE", "FORMER", "ELECT", "PRESIDENT-ELECT", "OPPOSITION", "DISSIDENT", "ACTIVIST", "CITIZEN",
              "CITIZENS", "PEOPLE", "POPULATION", "EMBASSY", "CONSULATE", "BODIES", "SCIENTIST", "DOCTOR"}

ROLE_CODES = {"GOV": "government", "ELI": "elite", "MIL": "military", "OPP": "opposition", "LEG": "legislature",
              "JUD": "judiciary", "BUS": "business", "MED": "media", "REB": "rebel", "SPY": "intelligence",
              "COP": "police", "PTY": "party", "CVL": "civilian", "EDU": "education", "LAB": "labour",
              "REF": "refugees", "HRI": "human rights", "IGO": "international organisation", "NGO": "ngo"}

# Names that mean something else without their article.
KEEP_THE = {"West", "States", "Quad", "Hague"}

PREFIXES = {"Sino": "CHN", "Russo": "RUS", "Anglo": "GBR", "Franco": "FRA", "Indo": "IND", "Italo": "ITA",
            "Turco": "TUR", "Greco": "GRC", "Austro": "AUT", "Judeo": "ISR", "Afghano": "AFG", "Irano": "IRN",
            "Iraqi": "IRQ", "Nippo": "JPN", "Japano": "JPN", "Korea": "KOR", "Serbo": "SRB", "Hispano": "ESP",
            "Luso": "PRT", "Sovieto": "SUN", "Americano": "USA", "Germano": "DEU", "Polono": "POL"}

# PETRARCH2 codes of states that ISO 3166-1 does not list, read as the code Entente uses (supplement/unlisted.tsv):
# without it PETRARCH's Kosovo block is no country section and its bodies fall into the section before it (PRK).
PETRARCH_CODES = {"KSV": "XKX"}

DEMONYM_SUFFIXES = ("ese", "ian", "ians", "ean", "eans", "an", "ans", "ish", "i", "is", "ic", "ch", "ese", "ot",
                    "ots", "er", "ers", "ite", "ites")


def read_tsv(name):
    rows = []
    with open(os.path.join(HERE, "supplement", name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def cell(row, i):
    return row[i].strip() if i < len(row) else ""


def split_list(s):
    return [x.strip() for x in s.split(";") if x.strip()]


def fold(s):
    """Comparison key: case-folded, apostrophes unified, spaces collapsed."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return " ".join(s.casefold().split())


# Short words (three letters or fewer) that UD EWT train writes in lower case at least five times and in capitals
# fewer than five: load_common_words().
COMMON_SHORT_WORDS = set()


def load_common_words(shared):
    """The short words of ../shared/data/training/ud/ewt-train.conllu.xz that are words, not acronyms."""
    path = os.path.join(shared, "data", "training", "ud", "ewt-train.conllu.xz")
    if not os.path.exists(path):
        sys.exit(f"missing {path}: short words of organisations' names would be read as acronyms")
    import collections
    import lzma
    lower = collections.Counter()
    capitals = collections.Counter()
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.split("\t")
            if len(cols) > 3 and cols[0].isdigit() and len(cols[1]) <= 3 and cols[1].isalpha():
                if cols[1].islower() and cols[3] != "PROPN":
                    lower[cols[1]] += 1
                elif cols[1].isupper() and len(cols[1]) >= 2:
                    capitals[cols[1].lower()] += 1
    # Not a word that the treebank also writes as an acronym ("us" and "US", "tv" and "TV").
    COMMON_SHORT_WORDS.update(w for w, n in lower.items() if n >= 5 and capitals[w] < 5)


def title_word(w, person, place=False):
    if not w:
        return w
    letters = [c for c in w if c.isalpha()]
    # A short word of an organisation's name is kept as an acronym (ABB, CHS); a place's is a word ("Dar es Salaam",
    # "New Brunswick", "Bo Hai"), which the text writes in capitals only where it writes the whole name so.
    # PETRARCH2 writes every word in capitals, so a short word that English writes in lower case ("RED" of "RED
    # CROSS", "OIL", "GAS", "AIR", "LAW", "NEW") is a word, not an acronym: the form would only match text in capitals.
    if not person and not place and letters and (len(letters) <= 3 or not any(c in "AEIOUY" for c in w.upper())) \
            and w.lower() not in FUNCTION_WORDS and w.lower() not in COMMON_SHORT_WORDS:
        return w.upper()
    if w.lower() in FUNCTION_WORDS:
        return w.lower()
    # Title-case each hyphen- or apostrophe-separated part: PEOPLE'S -> People's, BAN_KI-MOON -> Ban Ki-Moon.
    out = []
    for part in re.split(r"([-])", w.lower()):
        out.append(part[:1].upper() + part[1:] if part and part != "-" else part)
    return "".join(out)


def petrarch_phrase(raw, person=False, org=False, place=False):
    """PETRARCH_STYLE_PHRASE_ -> 'Petrarch Style Phrase' (short organisation names kept as acronyms)."""
    raw = raw.strip().strip("_").replace("_", " ")
    raw = re.sub(r"\s+", " ", raw)
    words = raw.split(" ")
    if org and len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isupper():
        return words[0]
    out = []
    for i, w in enumerate(words):
        t = title_word(w, person, place)
        if i == 0 and t and t.islower():
            t = t[:1].upper() + t[1:]
        out.append(t)
    return " ".join(out)


DATE_RE = re.compile(r"^\d{6}$|^\d{8}$")


def petrarch_date(s):
    s = s.strip()
    if not DATE_RE.match(s):
        return ""
    if len(s) == 6:
        yy = int(s[:2])
        s = ("20" if yy <= 30 else "19") + s
    y, m, d = s[:4], s[4:6], s[6:8]
    if m == "00":
        m = "01"
    if d == "00":
        d = "01"
    return f"{y}-{m}-{d}"


CODE_RE = re.compile(r"\[([A-Z0-9~]+)\s*([<>]?\s*\d{6,8})?\s*(?:-\s*(\d{6,8}))?\s*\]")


def parse_codes(text):
    codes = []
    for m in CODE_RE.finditer(text):
        code, a, b = m.group(1), (m.group(2) or "").replace(" ", ""), m.group(3) or ""
        if code[:3] in PETRARCH_CODES:
            code = PETRARCH_CODES[code[:3]] + code[3:]
        start = end = ""
        if a.startswith(">"):
            start = petrarch_date(a[1:])
        elif a.startswith("<"):
            end = petrarch_date(a[1:])
        elif a:
            start = petrarch_date(a)
            end = petrarch_date(b)
        codes.append((code, start, end))
    return codes


def read_petrarch_blocks(path):
    """Blocks of (names, codes) from a PETRARCH actor dictionary."""
    blocks = []
    current = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            body = line.split("#", 1)[0]
            if not body.strip():
                continue
            if body[0] in " \t":
                if current is not None:
                    current["codes"] += parse_codes(body)
                continue
            name_part = body.split("[", 1)[0].strip()
            if body.startswith("+"):
                if current is not None and name_part[1:].strip():
                    current["names"].append(name_part[1:].strip())
                if current is not None:
                    current["codes"] += parse_codes(body)
                continue
            current = {"names": [name_part], "codes": parse_codes(body)}
            blocks.append(current)
    return blocks


class Gazetteer:
    def __init__(self):
        self.countries = {}   # a3 -> dict
        self.names = {}       # fold(form) -> row; the first source that adds a form wins
        self.people = set()
        self.orgs = {}        # id -> dict(country, members)
        self.regions = {}
        self.ambiguous = set()
        self.loose_names = {}

    def add_name(self, form, kind, ident, country, method, flags=""):
        form = " ".join(form.split())
        # "the United Nations": the article is no part of the name (and a lower-case "the" would match anywhere).
        if form[:4] in ("the ", "The ") and form[4:] not in KEEP_THE:
            form = form[4:]
        if not form or not ident:
            return
        key = fold(form)
        if key in self.ambiguous:
            flags = "".join(sorted(set(flags + "a")))
        if key in self.names:
            return
        self.names[key] = (form, kind, ident, country, method, flags)


def load_iso(g, iso_dir, locale_dir):
    data = json.load(open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    translations = {}
    for lang in UN_LANGUAGES:
        try:
            translations[lang] = gettext.translation("iso_3166-1", locale_dir, [lang])
        except OSError:
            print(f"warning: no iso_3166-1 catalogue for {lang}", file=sys.stderr)
    for c in data:
        a3 = c["alpha_3"]
        g.countries[a3] = {"a2": c["alpha_2"], "name": c.get("common_name", c["name"]),
                           "official": c.get("official_name", ""), "from": "", "to": ""}
        english = [c["name"], c.get("common_name", ""), c.get("official_name", "")]
        for i, n in enumerate(english):
            if not n:
                continue
            method = "official-name" if i == 2 else "name"
            for variant in name_variants(n):
                g.add_name(variant, "c", a3, a3, method)
        for lang, t in translations.items():
            for n in english:
                if not n:
                    continue
                tr = t.gettext(n)
                if tr == n and lang not in ("es",):
                    continue
                for variant in name_variants(tr):
                    g.add_name(strip_marks(variant), "c", a3, a3, "name")


def strip_marks(s):
    """Arabic vowel marks (harakat, shadda) are left out of running text; drop them from the data too."""
    return "".join(ch for ch in s if not ("\u064b" <= ch <= "\u0652" or ch == "\u0670"))


def name_variants(n):
    """'Korea, Republic of' -> ['Korea, Republic of', 'Republic of Korea']; parenthesised parts dropped."""
    out = [n]
    base = re.sub(r"\s*\(.*?\)", "", n).strip()
    if base != n:
        out.append(base)
    if ", " in base:
        head, tail = base.split(", ", 1)
        out.append(f"{tail} {head}".strip())
        if not tail.lower().endswith((" of", " de", " of the", " du", " de la")) and "," not in tail:
            out.append(f"{head} {tail}")
    return [x for x in out if x]


def load_supplement_countries(g):
    capitals = {}
    demonyms = {}
    # States iso-codes does not list (Kosovo): countries like the others, under a user-assigned code.
    for row in read_tsv("unlisted.tsv"):
        a3 = cell(row, 0)
        if a3 not in g.countries:
            g.countries[a3] = {"a2": "", "name": cell(row, 1), "official": "", "from": "", "to": ""}
    for row in read_tsv("countries.tsv") + read_tsv("unlisted.tsv"):
        a3 = cell(row, 0)
        if a3 not in g.countries:
            print(f"warning: unknown country {a3} in supplement", file=sys.stderr)
            continue
        if cell(row, 1):
            g.countries[a3]["name"] = cell(row, 1)
            g.add_name(cell(row, 1), "c", a3, a3, "name")
        for n in split_list(cell(row, 2)):
            g.add_name(n, "c", a3, a3, "name")
        for n in split_list(cell(row, 3)):
            g.add_name(n, "c", a3, a3, "abbreviation", "x")
        for n in split_list(cell(row, 4)):
            # "Sierra Leonean" names its people too as "Sierra Leoneans", "Pakistani" as "Pakistanis" (not
            # "Frenchman", whose plural is no "s" away).
            plural = n.endswith(("an", "i", "er")) and not n.endswith("man")
            for form in [n] + ([n + "s"] if plural else []):
                g.add_name(form, "c", a3, a3, "demonym")
                demonyms.setdefault(a3, set()).add(fold(form))
        for n in split_list(cell(row, 5)):
            if fold(n) == fold(g.countries[a3]["name"]):
                continue
            g.add_name(n, "c", a3, a3, "capital")
            capitals.setdefault(a3, set()).add(fold(n))
    for row in read_tsv("former.tsv"):
        a3 = cell(row, 0)
        display = cell(row, 1)
        if a3 != "DEU":
            g.countries[a3] = {"a2": "", "name": display, "official": split_list(cell(row, 2))[0],
                               "from": cell(row, 6), "to": cell(row, 7)}
        g.add_name(display, "c", a3, a3, "name")
        for n in split_list(cell(row, 2)):
            g.add_name(n, "c", a3, a3, "official-name")
        for n in split_list(cell(row, 3)):
            g.add_name(n, "c", a3, a3, "abbreviation", "x")
        for n in split_list(cell(row, 4)):
            g.add_name(n, "c", a3, a3, "demonym")
        for n in split_list(cell(row, 5)):
            g.add_name(n, "c", a3, a3, "capital")
    for prefix, a3 in PREFIXES.items():
        g.add_name(prefix, "c", a3, a3, "prefix", "p")
    return capitals, demonyms


def load_foreign(g):
    for row in read_tsv("foreign.tsv"):
        a3 = cell(row, 0)
        for n in split_list(cell(row, 2)):
            g.add_name(n, "c", a3, a3, "name")


def loose(s):
    """'The U.S.' -> 'us': for telling a spelling variant of a known name from a new name."""
    s = fold(s)
    if s.startswith("the "):
        s = s[4:]
    return re.sub(r"[\s.'-]", "", s)


def classify_synonym(form, a3, g, capitals, demonyms):
    key = fold(form)
    if a3 not in g.loose_names:
        g.loose_names[a3] = {loose(r[0]) for r in g.names.values() if r[1] == "c" and r[2] == a3}
    if loose(form) in g.loose_names[a3]:
        return None, None  # a spelling variant of a name already listed ("THE_US", "U._S.")
    if key in capitals.get(a3, ()):
        return "c", "capital"
    if key in demonyms.get(a3, ()):
        return "c", "demonym"
    cname = fold(g.countries[a3]["name"])
    words = key.split()
    shares = key[:4] == cname[:4] and len(cname) >= 4
    if len(words) == 1 and shares and key.endswith(DEMONYM_SUFFIXES) and key != cname \
            and not key.endswith(("stan", "land", "ia")):
        return "c", "demonym"
    if shares or any(w in key for w in ("republic", "kingdom", "state of", "emirate", "federation")):
        return "c", "name"
    return "l", "place"


def load_petrarch_countries(g, path, capitals, demonyms):
    section = None
    people = 0
    for block in read_petrarch_blocks(path):
        codes = block["codes"]
        heads = [c for c in codes if len(c[0]) == 3]
        if heads and heads[0][0] in g.countries and len(codes) == 1 and not heads[0][1] and not heads[0][2]:
            section = heads[0][0]
            for raw in block["names"][1:]:
                form = petrarch_phrase(raw)
                if len(form) < 3:
                    continue
                kind, method = classify_synonym(form, section, g, capitals, demonyms)
                if kind is None:
                    continue
                if kind == "l":
                    form = petrarch_phrase(raw, place=True)
                    g.add_name(form, "l", form, section, "dictionary")
                else:
                    g.add_name(form, "c", section, section, method)
            continue
        if section is None or not codes:
            continue
        words = set(re.split(r"[ _]+", block["names"][0].strip("_ ").upper()))
        country = codes[0][0][:3] if codes[0][0][:3] in g.countries else section
        if words & ORG_WORDS:
            ident = petrarch_phrase(block["names"][0], org=True)
            g.orgs.setdefault(ident, {"country": country, "members": ""})
            for raw in block["names"]:
                g.add_name(petrarch_phrase(raw, org=True), "o", ident, country, "dictionary")
            continue
        if words & ROLE_WORDS or not (2 <= len(words) <= 5):
            continue
        ident = petrarch_phrase(block["names"][0], person=True)
        if len(ident) < 5:
            continue
        people += 1
        for code, start, end in codes:
            c = code[:3] if code[:3] in g.countries else country
            role = ROLE_CODES.get(code[3:6], "")
            g.people.add((ident, c, role, start, end))
        for raw in block["names"]:
            form = petrarch_phrase(raw, person=True)
            if len(form.split()) == 1 and len(form) < 5:
                continue
            g.add_name(form, "p", ident, country, "leader")
    return people


def load_petrarch_international(g, path):
    for block in read_petrarch_blocks(path):
        codes = block["codes"]
        if not codes:
            continue
        head = block["names"][0]
        words = set(re.split(r"[ _.]+", head.strip("_ ").upper())) - {""}
        dated = any(s or e for _, s, e in codes)
        kind = "o"
        if not (words & ORG_WORDS) and (dated or any(c[0] == "ELI" for c in codes)) and 2 <= len(words) <= 5 \
                and not (words & ROLE_WORDS):
            kind = "p"
        elif words & ROLE_WORDS and not (words & ORG_WORDS):
            continue
        if kind == "p":
            ident = petrarch_phrase(head, person=True)
            for code, start, end in codes:
                g.people.add((ident, code[:3] if code[:3] in g.countries else "", "", start, end))
            for raw in block["names"]:
                g.add_name(petrarch_phrase(raw, person=True), "p", ident, "", "leader")
            continue
        ident = petrarch_phrase(head, org=True)
        if len(ident) < 2:
            continue
        # One canonical id for every spelling: a supplement organisation that shares a form takes the block.
        for raw in block["names"]:
            hit = g.org_forms.get(fold(petrarch_phrase(raw, org=True)))
            if hit:
                ident = hit
                break
        g.orgs.setdefault(ident, {"country": "", "members": ""})
        for raw in block["names"]:
            g.add_name(petrarch_phrase(raw, org=True), "o", ident, g.orgs[ident]["country"], "dictionary")


def load_supplement_orgs(g, un_members):
    g.org_forms = {}
    for row in read_tsv("organizations.tsv"):
        ident = cell(row, 0)
        country = cell(row, 3)
        members = []
        for m in cell(row, 4).split():
            if m == "*UN":
                members += sorted(un_members)
            else:
                members.append(m)
        g.orgs[ident] = {"country": country, "members": " ".join(members)}
        g.add_name(ident, "o", ident, country, "dictionary")
        g.org_forms[fold(ident)] = ident
        for n in split_list(cell(row, 1)):
            g.add_name(n, "o", ident, country, "abbreviation", "x")
            g.org_forms[fold(n)] = ident
        for n in split_list(cell(row, 2)):
            g.add_name(n, "o", ident, country, "dictionary")
            g.org_forms[fold(n)] = ident


def load_supplement_people(g):
    for row in read_tsv("leaders.tsv"):
        ident, aliases, country, role, start, end = (cell(row, i) for i in range(6))
        if country not in g.countries:
            role = f"{country} {role}"
            country = ""
        g.people.add((ident, country, role, start, end))
        g.add_name(ident, "p", ident, country, "leader")
        for a in split_list(aliases):
            g.add_name(a, "p", ident, country, "leader")


def load_supplement_places(g):
    for row in read_tsv("places.tsv"):
        ident, aliases, country = cell(row, 0), cell(row, 1), cell(row, 2)
        g.add_name(ident, "l", ident, country, "dictionary")
        for a in split_list(aliases):
            g.add_name(a, "l", ident, country, "dictionary")


def load_supplement_regions(g):
    for row in read_tsv("regions.tsv"):
        ident = cell(row, 0)
        g.regions[ident] = cell(row, 3)
        g.add_name(ident, "r", ident, "", "name")
        for a in split_list(cell(row, 1)):
            g.add_name(a, "r", ident, "", "name")
        for a in split_list(cell(row, 2)):
            g.add_name(a, "r", ident, "", "demonym")


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_supplement_events(g):
    """Dated international events (supplement/events.tsv), checked and sorted by date for the run-time table."""
    events = []
    for row in read_tsv("events.tsv"):
        name, aliases, org, kind, start, end, city, country, flags, note = (cell(row, i) for i in range(10))
        try:
            if not ISO_DAY.match(start) or not ISO_DAY.match(end or start):
                raise ValueError
            if datetime.date.fromisoformat(start) > datetime.date.fromisoformat(end or start):
                raise ValueError
        except ValueError:
            print(f"warning: event {name!r}: bad dates {start}..{end}; left out", file=sys.stderr)
            continue
        if country and country not in g.countries:
            print(f"warning: event {name!r}: unknown country {country}", file=sys.stderr)
        # An organisation the gazetteer does not list (UNFCCC, IOC, Belt and Road Forum) names a series of its own:
        # the run-time table matches its id as written and the events' aliases.
        events.append([name, ";".join(split_list(aliases)), org, kind, start, end or start,
                       ";".join(split_list(city)), country, flags, note])
    events.sort(key=lambda e: (e[4], e[0]))
    return events


def write_tsv(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Generated by generate.py; do not edit (edit supplement/ or the script). {header}\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--iso", default="/usr/share/iso-codes/json")
    ap.add_argument("--locale", default="/usr/share/locale")
    args = ap.parse_args()

    load_common_words(args.shared)
    g = Gazetteer()
    g.ambiguous = {fold(r[0]) for r in read_tsv("ambiguous.tsv")}
    # The hand-kept supplement goes first: where a form is listed twice, the first source wins, and the
    # supplement says what the generic sources get wrong.
    load_iso(g, args.iso, args.locale)
    capitals, demonyms = load_supplement_countries(g)
    load_foreign(g)
    un_members = {a3 for a3 in capitals} - {"TWN", "VAT", "PSE", "HKG", "MAC", "PRI", "GRL", "ESH", "XKX"}
    load_supplement_regions(g)
    load_supplement_orgs(g, un_members)
    load_supplement_people(g)
    load_supplement_places(g)
    petrarch = os.path.join(args.shared, "data", "petrarch2")
    people = load_petrarch_countries(g, os.path.join(petrarch, "Phoenix.Countries.actors.txt"), capitals, demonyms)
    load_petrarch_international(g, os.path.join(petrarch, "Phoenix.International.actors.txt"))
    events = load_supplement_events(g)

    write_tsv("countries.tsv", "alpha3 alpha2 name official-name from to",
              sorted([a3, c["a2"], c["name"], c["official"], c["from"], c["to"]] for a3, c in g.countries.items()))
    write_tsv("names.tsv", "form kind(c=country p=person o=organization l=place r=region) id country method "
              "flags(x=case-exact a=ambiguous p=prefix)",
              sorted(list(r) for r in g.names.values()))
    write_tsv("people.tsv", "id country role from to", sorted(list(r) for r in g.people))
    write_tsv("organizations.tsv", "id country members(CODE or CODE@joined)",
              sorted([k, v["country"], v["members"]] for k, v in g.orgs.items()))
    write_tsv("regions.tsv", "id members", sorted([k, v] for k, v in g.regions.items()))
    write_tsv("events.tsv", "name aliases(;) organization kind start end city(;) country flags(?=uncertain "
              "v=online) note", events)
    print(f"{len(g.countries)} countries, {len(g.names)} names, {len(g.people)} roles "
          f"({people} PETRARCH people), {len(g.orgs)} organisations, {len(g.regions)} regions, {len(events)} events")


if __name__ == "__main__":
    main()
