#!/usr/bin/env python3
#
# demo/generate.py
#	Writes the demo's sample data: demo/programs.csv, demo/users.csv and
#	demo/requests.csv.  Owned by the demo, like everything in demo/.
#
# The CSV files are committed and `make demo` reads them as they are; this
# script is only for developers who want to change the data.  It is
# deterministic (fixed seed, no clock, no set iteration) so that running it
# again gives byte-identical files and a reviewable diff.
#
# requests.csv imitates what admins paste into an import: mostly good
# addresses, the same person again in another case or with stray blanks
# (which must update the open invitation, not add one), usernames alone,
# known platform users, and about 5% rows that must be refused.  Every
# address and URL uses a reserved domain (example.com/.org/.net and their
# subdomains, *.test, *.example) or a documentation address (192.0.2.0/24).
#
# Run from anywhere: python3 demo/generate.py
# It prints to stderr what the import should give, so that the demo's
# summary can be checked against it.

import csv
import json
import os
import random
import sys
import unicodedata

SEED = 20261204
REQUEST_ROWS = 3000
HERE = os.path.dirname(os.path.abspath(__file__))

ORGS = {
    "acme": [
        ("data-science", "Data Science Bootcamp"),
        ("cloud-foundations", "Cloud Foundations"),
        ("leadership", "Leadership Essentials"),
        ("product-design", "Product Design Studio"),
    ],
    "globex": [
        ("onboarding", "New Hire Onboarding"),
        ("sales-academy", "Sales Academy"),
        ("security-basics", "Security Basics"),
    ],
    "initech": [
        ("tps-reports", "TPS Reports, Done Right"),
        ("python-101", "Python 101"),
        ("devops", "DevOps in Practice"),
        ("management", "First-Time Managers"),
        ("customer-success", "Customer Success"),
    ],
    "umbrella": [
        ("biosafety", "Biosafety Level 2"),
        ("research-methods", "Research Methods"),
        ("lab-operations", "Lab Operations"),
        ("compliance", "Regulatory Compliance"),
    ],
}

FIRST = [
    "ada", "alan", "amara", "ana", "andrei", "anya", "arjun", "ben", "bruno",
    "carla", "chen", "chloe", "dan", "diego", "elena", "emma", "farah",
    "felix", "greta", "hana", "hugo", "ines", "ivan", "jamal", "jin", "julia",
    "kai", "kemal", "lara", "leo", "lina", "luca", "maya", "mei", "mila",
    "nadia", "nina", "noah", "olga", "omar", "paula", "priya", "raj", "rosa",
    "sam", "sara", "sofia", "tariq", "theo", "uma", "vera", "wei", "yara",
    "yusuf", "zara",
]
LAST = [
    "adams", "ahmed", "bauer", "becker", "chen", "costa", "cruz", "diaz",
    "dubois", "evans", "fischer", "garcia", "gomez", "haddad", "hansen",
    "ito", "jensen", "kim", "kowalski", "kumar", "lee", "lopez", "martin",
    "meyer", "moreau", "nakamura", "nguyen", "novak", "okafor", "olsen",
    "patel", "perez", "rossi", "sato", "schmidt", "silva", "singh", "smith",
    "tanaka", "torres", "wagner", "walker", "wang", "weber", "wilson",
    "yamada", "young", "zhang",
]
# Non-ASCII names: their addresses exercise NFC and Unicode case folding.
UNICODE_PEOPLE = [
    ("zoë", "müller", "zmueller"), ("björn", "åkesson", "bjorn.akesson"),
    ("françois", "lefèvre", "flefevre"), ("łukasz", "wójcik", "lwojcik"),
    ("ståle", "øvergård", "Stale.O"), ("renée", "gauthier", "rgauthier"),
]
USER_DOMAINS = [
    "example.com", "example.com", "example.org", "example.net",
    "mail.example.com", "corp.example.org",
]
GUEST_DOMAINS = [
    "example.com", "example.org", "example.org", "example.net",
    "students.example.net", "alumni.example.org", "acme.test", "globex.test",
    "initech.test", "umbrella.test", "partners.example.com",
]
SOURCES = [
    ("", 30), ("hr-sync", 18), ("csv-import", 15), ("manual", 10),
    ("spring-campaign", 8), ("partner-portal", 7), ("Career Fair 2026", 4),
    ("newsletter", 4), ("  manual ", 2), ("referral", 2),
]
TEAMS = ["blue", "green", "red", "orange", "purple"]
COHORTS = ["2024", "2025", "2026"]
REGIONS = ["emea", "amer", "apac"]


class Data:
    """Everything generated, plus the bookkeeping that keeps it consistent."""

    def __init__(self, rnd):
        self.rnd = rnd
        self.programs = []         # (program_key, org, name)
        self.users = []            # people who are platform users
        self.guests = []           # people who are not
        self.taken_emails = {}     # case-folded email -> True
        self.taken_usernames = {}  # case-folded username -> True
        self.reserved = {}         # id(person) -> True: kept out of random use

    def claim_email(self, email):
        key = email.casefold()
        if key in self.taken_emails:
            return False
        self.taken_emails[key] = True
        return True

    def claim_username(self, username):
        key = username.casefold()
        if key in self.taken_usernames:
            return False
        self.taken_usernames[key] = True
        return True


def make_programs(data):
    for org, programs in ORGS.items():
        for slug, name in programs:
            data.programs.append((f"{org}+{slug}", org, name))


def person(kind, email, username, mode, user_id=None):
    # mode says which identifiers a request for this person carries: a
    # guest (not a platform user) always uses the same ones, since a guest
    # known once by email and once by username would be two invitations
    # and, given both later, a 23505 conflict that the data does not mean.
    return {"kind": kind, "email": email, "username": username,
            "mode": mode, "user_id": user_id}


def local_part(rnd, first, last):
    style = rnd.randrange(6)
    if style == 0:
        return f"{first}.{last}"
    if style == 1:
        return f"{first[0]}{last}"
    if style == 2:
        return f"{first}_{last}{rnd.randrange(1, 99)}"
    if style == 3:
        return f"{first}.{last}{rnd.randrange(1, 9)}"
    if style == 4:
        return f"{first}{last[0]}"
    return f"{first}.{last}+{rnd.choice(['learn', 'work', 'news'])}"


def username_for(rnd, first, last):
    style = rnd.randrange(5)
    if style == 0:
        return f"{first}{last}"
    if style == 1:
        return f"{first[0]}{last}{rnd.randrange(1, 99)}"
    if style == 2:
        return f"{first}_{last}"
    if style == 3:
        return f"{first.capitalize()}{last.capitalize()}"
    return f"{last}.{first}{rnd.randrange(1, 9)}"


def stored_case(rnd, email):
    """Some people's addresses are stored with capitals, as typed once."""
    local, domain = email.split("@")
    if rnd.random() < 0.15:
        local = ".".join(p.capitalize() for p in local.split("."))
    if rnd.random() < 0.05:
        domain = domain.capitalize()
    return f"{local}@{domain}"


def make_users(data, count):
    rnd = data.rnd
    user_id = 10000
    # The showcase user of demo.sql; stored with capitals on purpose.
    grace = person("user", "Grace.Hopper@example.com", "ghopper", "any",
                   user_id)
    data.claim_email(grace["email"])
    data.claim_username(grace["username"])
    data.users.append(grace)
    data.reserved[id(grace)] = True
    for first, last, username in UNICODE_PEOPLE:
        user_id += rnd.randrange(1, 40)
        email = f"{first}.{last}@{rnd.choice(USER_DOMAINS)}"
        if data.claim_email(email) and data.claim_username(username):
            data.users.append(person("user", email, username, "any", user_id))
    while len(data.users) < count:
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        email = stored_case(rnd, f"{local_part(rnd, first, last)}@"
                                 f"{rnd.choice(USER_DOMAINS)}")
        username = username_for(rnd, first, last)
        if not data.claim_email(email):
            continue
        if not data.claim_username(username):
            continue
        user_id += rnd.randrange(1, 40)
        data.users.append(person("user", email, username, "any", user_id))


def make_guests(data, count):
    rnd = data.rnd
    while len(data.guests) < count:
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        mode = rnd.choices(["email", "username", "both"], [80, 8, 12])[0]
        email = f"{local_part(rnd, first, last)}@{rnd.choice(GUEST_DOMAINS)}"
        username = username_for(rnd, first, last)
        if mode != "username" and not data.claim_email(email):
            continue
        if mode != "email" and not data.claim_username(username):
            continue
        data.guests.append(person(
            "guest",
            email if mode != "username" else None,
            username if mode != "email" else None,
            mode))


# --- how a value looks once pasted -------------------------------------

def recase(rnd, text):
    style = rnd.randrange(4)
    if style == 0:
        return text.upper()
    if style == 1:
        return text.lower()
    if style == 2:
        return "".join(c.upper() if rnd.random() < 0.3 else c for c in text)
    return text[:1].upper() + text[1:]


def pad(rnd, text):
    """Stray blanks around a pasted value; trimmed by the extension."""
    left = rnd.choice(["", " ", "  ", "\t"])
    right = rnd.choice([" ", "  ", "\t", " \t"])
    return f"{left}{text}{right}"


def as_pasted(rnd, text, resend):
    if text is None:
        return ""
    if resend and rnd.random() < 0.6:
        text = recase(rnd, text)
    elif rnd.random() < 0.06:
        text = recase(rnd, text)
    if rnd.random() < 0.08:
        text = pad(rnd, text)
    return text


def future_expiry(rnd):
    year = rnd.choice([2029, 2030, 2031])
    month, day = rnd.randrange(1, 13), rnd.randrange(1, 29)
    style = rnd.randrange(4)
    if style == 0:
        return f"{year}-{month:02d}-{day:02d}"
    if style == 1:
        return f"{year}-{month:02d}-{day:02d}T23:59:59Z"
    if style == 2:
        return f"{year}-{month:02d}-{day:02d} 18:00:00+02"
    return f"{year}-{month:02d}-{day:02d} 09:30"


def metadata_value(rnd):
    roll = rnd.random()
    if roll < 0.42:
        return ""
    if roll < 0.45:
        return "{}"
    meta = {"cohort": rnd.choice(COHORTS)}
    if rnd.random() < 0.8:
        meta["team"] = rnd.choice(TEAMS)
    if rnd.random() < 0.3:
        meta["region"] = rnd.choice(REGIONS)
    if rnd.random() < 0.1:
        meta["seats"] = rnd.randrange(1, 5)
    if rnd.random() < 0.08:
        meta["tags"] = rnd.sample(["remote", "part-time", "mentor", "vip"], 2)
    return json.dumps(meta)


def redirect_value(rnd, program_key):
    org, slug = program_key.split("+")
    if rnd.random() < 0.62:
        return ""
    return rnd.choice([
        f"https://learn.example.com/programs/{slug}?utm_source=invite",
        f"https://{org}.test/welcome",
        f"https://portal.example.net/p/{org}/{slug}#welcome",
        "http://intranet.example.org:8080/start",
        f"https://learn.example.com/search?q={slug.replace('-', '%20')}",
        "https://EXAMPLE.com/Welcome",
    ])


def active_value(rnd):
    roll = rnd.random()
    if roll < 0.86:
        return ""
    if roll < 0.95:
        return rnd.choice(["true", "TRUE", "yes", "t", "1"])
    return rnd.choice(["false", "FALSE", "no", "f", "0"])


def is_false(text):
    return text.strip().lower() in ("false", "no", "f", "0", "off")


# --- the rows ------------------------------------------------------------

def good_row(data, program_key, who, resend):
    rnd = data.rnd
    email, username = who["email"], who["username"]
    if who["kind"] == "user":
        # A platform user is found by either identifier; admins give one,
        # the other or both.
        mode = rnd.choices(["email", "username", "both"], [70, 15, 15])[0]
        if mode == "email":
            username = None
        elif mode == "username":
            email = None
    return {
        "program_key": program_key,
        "email": as_pasted(rnd, email, resend),
        "username": as_pasted(rnd, username, resend),
        "active": active_value(rnd),
        "source": rnd.choices([s for s, _ in SOURCES],
                              [w for _, w in SOURCES])[0],
        "redirect_to": redirect_value(rnd, program_key),
        "expired": future_expiry(rnd) if rnd.random() < 0.25 else "",
        "metadata": metadata_value(rnd),
    }


def blank_row(program_key):
    return {"program_key": program_key, "email": "", "username": "",
            "active": "", "source": "", "redirect_to": "", "expired": "",
            "metadata": ""}


def bad_rows(data):
    """Rows that must be refused: (row, expected SQLSTATE, why)."""
    rnd = data.rnd
    out = []
    keys = [p[0] for p in data.programs]

    def someone():
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        return first, last, f"{first}.{last}{rnd.randrange(100, 999)}"

    def bad_email(email, why, state="22023"):
        row = blank_row(rnd.choice(keys))
        row["email"] = email
        out.append((row, state, why))

    for _ in range(9):
        _, last, local = someone()
        bad_email(rnd.choice([f"{local}@@example.com",
                              f"{local}@{last}@example.org"]), "two @")
    for _ in range(8):
        _, _, local = someone()
        bad_email(f"{local}@{rnd.choice(['example', 'acme', 'mail'])}",
                  "domain without a dot")
    for _ in range(7):
        _, _, local = someone()
        bad_email(f"{local}@{rnd.choice(GUEST_DOMAINS)}.", "trailing dot")
    for _ in range(9):
        first, last, local = someone()
        bad_email(rnd.choice([f"{first} {last}@example.com",
                              f"{local}@example .org",
                              f"{first}.{last} @example.net"]),
                  "white space inside")
    for _ in range(3):
        _, _, local = someone()
        bad_email(f"{local}@localhost", "x@localhost")
    for n in (7, 23, 81):
        _, _, local = someone()
        bad_email(f"{local}@[192.0.2.{n}]", "IP literal")
    for _ in range(5):
        first, last, local = someone()
        bad_email(rnd.choice([f"{local}.example.com",
                              f"{first}.{last} at example.com"]),
                  "no @ at all")
    for _ in range(5):
        first, last, _ = someone()
        bad_email(rnd.choice([f".{first}.{last}@example.com",
                              f"{first}..{last}@example.org",
                              f"{first}.@example.net"]),
                  "misplaced dot in the local part")
    for _ in range(6):
        a, b = someone(), someone()
        bad_email(rnd.choice([f"{a[2]}@example.com, {b[2]}@example.org",
                              f"{a[2]}@example.com;{b[2]}@example.net"]),
                  "two addresses in one cell")
    for _ in range(4):
        first, last, _ = someone()
        bad_email(f"{first.capitalize()} {last.capitalize()} "
                  f"<{first}.{last}@example.com>", "display name")
    for _ in range(3):
        _, _, local = someone()
        bad_email(f"mailto:{local}@example.com", "mailto: link")
    for _ in range(2):
        _, _, local = someone()
        bad_email(f"{local}\u200b@example.com", "zero-width space")
    for _ in range(2):
        _, _, local = someone()
        bad_email(f"{local}@example.com\u00a0", "no-break space")
    _, _, local = someone()
    bad_email(f"{local}\uff20example.com", "fullwidth at sign")
    bad_email("a" * 65 + "@example.com", "local part over 64 bytes")
    bad_email("x" * 64 + "@" + ".".join(["sub" + "d" * 59] * 4)
              + ".example.com", "address over 254 bytes")

    for _ in range(4):
        row = blank_row(rnd.choice(keys))
        row["email"] = rnd.choice(["", "   ", "\t"])
        row["source"] = "csv-import"
        out.append((row, "22023", "neither email nor username"))
    for _ in range(3):
        a, b = rnd.sample(data.users[1:], 2)
        row = blank_row(rnd.choice(keys))
        row["email"], row["username"] = a["email"], b["username"]
        out.append((row, "22023", "email and username of two users"))
    for _ in range(3):
        first, last, _ = someone()
        row = blank_row(rnd.choice(keys))
        row["username"] = f"{first.capitalize()} {last.capitalize()}"
        out.append((row, "22023", "username with a space"))

    for key in ["acme+data-sciense", "ACME+data-science", "hooli+onboarding",
                "globex+onboarding-2025", "initech+tps-report", "data-science",
                "umbrella+biohazard", "acme+leadership-2", "globex",
                "initech+python-102", "umbrella+compliance-eu",
                "acme/cloud-foundations", "globex+Onboarding",
                "initech+dev-ops", "umbrella-biosafety"]:
        row = blank_row(key)
        _, _, local = someone()
        row["email"] = f"{local}@{rnd.choice(GUEST_DOMAINS)}"
        out.append((row, "PT404", "unknown program"))
    for _ in range(2):
        row = blank_row("")
        _, _, local = someone()
        row["email"] = f"{local}@example.com"
        out.append((row, "22004", "no program"))

    for url in ["javascript:alert(1)", "JavaScript:alert(document.cookie)",
                "//evil.example/welcome", "//evil.example",
                "https://admin@learn.example.com/welcome",
                "https://user:secret@portal.example.net/",
                "ftp://files.example.com/welcome.pdf",
                "data:text/html,<script>alert(1)</script>",
                "learn.example.com/welcome",
                "https://learn.example.com/welcome page",
                "https:\\\\learn.example.com\\welcome",
                "https://learn.example.com:99999/",
                "https://learn.example.com:/start",
                "https:///welcome",
                "https://learn.example.com/welcome%zz",
                "https://learn.example.com/a%00b"]:
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.com"
        row["redirect_to"] = url
        out.append((row, "22023", "bad redirect_to"))

    for meta in ["[1,2]", '"cohort 2024"', "42", "null", "true",
                 '["blue","green"]', "[]", '[{"cohort":"2024"}]']:
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.org"
        row["metadata"] = meta
        out.append((row, "22023", "metadata not an object"))
    for meta in ["{cohort: 2024}", "{'cohort': '2024'}", "cohort=2024",
                 '{"cohort":"2024",}']:
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.org"
        row["metadata"] = meta
        out.append((row, "22P02", "metadata not JSON (cast)"))
    for active in ["maybe", "yes please", "2"]:
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.net"
        row["active"] = active
        out.append((row, "22P02", "active not a boolean (cast)"))
    for expired, state in [("next friday", "22007"), ("soon", "22007"),
                           ("31/12/2030", "22008"), ("2030-13-01", "22008")]:
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.net"
        row["expired"] = expired
        out.append((row, state, "expired not a timestamp (cast)"))
    for expired in ["2025-01-31", "2025-06-30T23:59:59Z", "2024-12-31",
                    "2025-09-01 18:00:00+02", "2026-03-15", "2023-07-01",
                    "2026-11-30 12:00", "2025-12-24"]:
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.com"
        row["expired"] = expired
        out.append((row, "22023", "expired before created"))

    for _ in range(2):
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.com"
        row["source"] = "imported from the spring fair sign-up sheet; " * 7
        out.append((row, "54000", "source over 255 characters"))
    for _ in range(2):
        row = blank_row(rnd.choice(keys))
        row["username"] = "learner_" + "x" * 150
        out.append((row, "54000", "username over 150 characters"))
    for _ in range(2):
        row = blank_row(rnd.choice(keys))
        _, _, local = someone()
        row["email"] = f"{local}@example.com"
        row["redirect_to"] = ("https://learn.example.com/welcome?ref="
                              + "abc123" * 350)
        out.append((row, "54000", "redirect_to over 2048 characters"))
    return out


def showcase_rows():
    """Fixed rows that demo.sql points at; (row, expected)."""
    def row(key, email="", username="", source="", meta="", active=""):
        r = blank_row(key)
        r.update(email=email, username=username, source=source,
                 metadata=meta, active=active)
        return r
    jose = "josé.núñez@example.org"
    return [
        # Four requests for Grace, three of them in one program: one
        # invitation there, with the metadata of all three merged.
        row("acme+data-science", email="grace.hopper@example.com",
            source="hr-sync", meta='{"cohort": "2024"}'),
        row("acme+data-science", email="  GRACE.HOPPER@EXAMPLE.COM ",
            meta='{"team": "blue"}'),
        row("acme+data-science", username="GHopper", source="manual"),
        row("globex+sales-academy", email="Grace.Hopper@Example.com",
            source="partner-portal"),
        # José's address composed and then decomposed (NFD): one person.
        row("globex+onboarding", email=jose, source="manual",
            meta='{"cohort": "2025"}'),
        row("globex+onboarding",
            email=unicodedata.normalize("NFD", jose).upper(),
            meta='{"team": "green"}'),
    ]


def make_requests(data):
    rnd = data.rnd
    keys = [p[0] for p in data.programs]
    weights = [rnd.randrange(4, 12) for _ in keys]
    users = [u for u in data.users if id(u) not in data.reserved]
    guests = list(data.guests)
    bad = bad_rows(data)
    shows = showcase_rows()

    # The one conflict upsert cannot resolve (23505): a guest known by
    # email and another known by username, each with an open invitation,
    # then one row naming the email of one and the username of the other.
    by_email = next(g for g in guests if g["mode"] == "email")
    by_name = next(g for g in guests if g["mode"] == "username")
    guests = [g for g in guests if g is not by_email and g is not by_name]
    clash_key = "initech+devops"
    clash_first = [blank_row(clash_key), blank_row(clash_key)]
    clash_first[0]["email"] = by_email["email"]
    clash_first[1]["username"] = by_name["username"]
    clash = blank_row(clash_key)
    clash["email"], clash["username"] = by_email["email"], by_name["username"]

    good_count = REQUEST_ROWS - len(bad) - len(shows) - 3
    planned = []   # (row, program_key, person) for rows meant to succeed
    sent = []      # (program_key, person) already requested
    for _ in range(good_count):
        if sent and rnd.random() < 0.12:
            key, who = rnd.choice(sent)
            resend = True
        else:
            key = rnd.choices(keys, weights)[0]
            who = rnd.choice(users) if rnd.random() < 0.25 \
                else rnd.choice(guests)
            resend = False
            sent.append((key, who))
        planned.append((good_row(data, key, who, resend), key, who))

    # Place the fixed rows: showcase rows in order through the first half,
    # the clash set-up early, the clash itself late, bad rows anywhere.
    rows = [("good", r, k, w) for r, k, w in planned]
    grace_pos = sorted(rnd.sample(range(100, len(rows) // 2), len(shows)))
    for offset, (pos, r) in enumerate(zip(grace_pos, shows)):
        rows.insert(pos + offset, ("show", r, r["program_key"], None))
    rows.insert(rnd.randrange(50, 400), ("clash-setup", clash_first[0],
                                         clash_key, by_email))
    rows.insert(rnd.randrange(50, 400), ("clash-setup", clash_first[1],
                                         clash_key, by_name))
    rows.insert(len(rows) - rnd.randrange(5, 60),
                ("clash", clash, clash_key, None))
    for r, state, why in bad:
        rows.insert(rnd.randrange(0, len(rows) + 1),
                    ("bad", r, state, why))
    return rows


def expected(rows):
    """Replays the rows by the contract's upsert rule, for the summary."""
    stored = 0
    updated = 0
    open_rows = {}   # (program_key, person id) -> True
    refused = {}
    for kind, row, a, b in rows:
        if kind == "bad":
            refused[a] = refused.get(a, 0) + 1
            continue
        if kind == "clash":
            refused["23505"] = refused.get("23505", 0) + 1
            continue
        if kind == "show":
            who = "grace" if "hopper" in (row["email"] + row["username"]
                                          ).lower() else "jose"
        else:
            who = id(b)
        key = (a, who)
        if key in open_rows:
            updated += 1
        else:
            stored += 1
            open_rows[key] = True
        if is_false(row["active"]):
            # An inactive invitation is closed: the next request opens
            # a new one.
            del open_rows[key]
    return stored, updated, refused


FIELDS = ["program_key", "email", "username", "active", "source",
          "redirect_to", "expired", "metadata"]


def write_csv(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for row in rows:
            for value in row:
                # demo.sql numbers rows by file line: no field may span
                # lines.
                assert "\n" not in value and "\r" not in value, row
            out.writerow(row)


def main():
    rnd = random.Random(SEED)
    data = Data(rnd)
    make_programs(data)
    make_users(data, 320)
    make_guests(data, 1400)
    rows = make_requests(data)

    write_csv("programs.csv", ["program_key", "org", "name"], data.programs)
    write_csv("users.csv", ["user_id", "username", "email"],
              [(str(u["user_id"]), u["username"], u["email"])
               for u in data.users])
    write_csv("requests.csv", FIELDS,
              [[r[f] for f in FIELDS] for _, r, _, _ in rows])

    stored, updated, refused = expected(rows)
    print(f"rows: {len(rows)}; expected: {stored} invitations stored, "
          f"{updated} rows updating an open one, "
          f"{sum(refused.values())} refused", file=sys.stderr)
    for state in sorted(refused):
        print(f"  {state}: {refused[state]}", file=sys.stderr)


if __name__ == "__main__":
    main()
