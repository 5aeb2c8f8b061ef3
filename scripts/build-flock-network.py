#!/usr/bin/env python3
"""Build scenarios/flock-network-2024/ from The News & Observer's Flock data and ICE's 287(g) list.

Inputs (read-only, from --data-dir, default ../shared/data relative to the
repository root):

  newsobserver_private_eyes__agency_access20240426.csv
      37,099 rows src_agency,external_agency,src_agency_id,external_agency_id:
      `external_agency` was listed on `src_agency`'s Flock transparency portal
      as an organisation with access to its data, as of 2024-04-26.
      (The News & Observer, "Private Eyes"; MIT.)
  migrantusa__ice_287g.csv
      2,179 287(g) agreements state,agency,county,model,signed, from ICE's
      participating-agencies workbook as of 2026-07-24. (MigrantUSA,
      us-immigration-data, DOI 10.5281/zenodo.21812233; CC BY 4.0.)
  ice_287g_participating_agencies_2025-07-18pm.csv   (optional)
      ICE's workbook of 2025-07-18: its agreements that the later list does
      not have become edges that end on 2026-07-24, and its signed dates
      can move an agreement's `since` earlier.

Outputs (in --out-dir, default scenarios/flock-network-2024 under the
repository root):

  nodes.csv        one node per agency in the sharing data (Flock's own demo
                   accounts left out), and for each agency with a portal a
                   second node, its cameras (`<id>.cameras`), where its plate
                   reads start
  edges.csv        cameras -> own agency, one edge per sharing row (cameras of
                   the portal agency -> the agency with access), then one edge
                   per 287(g) agreement of a matched agency, to `ice_ero`. No
                   edge but a 287(g) one leaves an agency node, so sharing
                   does not chain (docs/method.md)
  agency-keys.csv  audit table: N&O id, node id, name, state and how it was
                   found, kind and why, the normalised join key
  join-report.md   how the join was made, its counts, every unmatched 287(g)
                   agency in a state present in the Flock data, every
                   agreement of 2025 missing in 2026, every demo account left
                   out, and every candidate the join refused

Python 3 standard library only. The output is deterministic: rows are sorted
and nothing depends on dictionary order, the clock or the environment, so the
same input gives the same bytes.

Run from the repository root:

    python3 scripts/build-flock-network.py
    python3 scripts/build-flock-network.py --data-dir /path/to/data --check
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------------------
# Constants that end up in the scenario. The YAML scenario declares these ids.

SRC_FLOCK = "nando-private-eyes"          # source id of the N&O sharing data
SRC_287G = "migrantusa-ice-287g"          # source id of the MigrantUSA 287(g) table
SRC_ICE = "ice-287g-workbook"             # source id of ICE's own workbook
SRC_ICE_OLD = "ice-287g-workbook-2025-07-18"  # source id of ICE's workbook of 2025-07-18
G287_NEW_DATE = "2026-07-24"              # date of the MigrantUSA (ICE) 287(g) list
G287_OLD_DATE = "2025-07-18"              # date of ICE's earlier workbook
CAMERAS_SUFFIX = ".cameras"               # node id of a portal agency's cameras
OWN_MECH = "own_cameras"                  # cameras -> their own agency
ICE_NODE = "ice_ero"                      # declared in the YAML
NATIONAL_PARAM = "national_sharing"       # when on cross-state sharing edges
PARTNER_PARAM = "partners_act_for_ice"    # when on 287(g) edges

ACCESS_FILE = "newsobserver_private_eyes__agency_access20240426.csv"
USAGE_FILE = "newsobserver_private_eyes__latest_usage04262023.csv"  # portal statistics
G287_FILE = "migrantusa__ice_287g.csv"
G287_OLD_FILE = "ice_287g_participating_agencies_2025-07-18pm.csv"

EXPECTED_ROWS = 37099
EXPECTED_AGENCIES = 4620
EXPECTED_PORTALS = 224

# Time, for `flowsim simulate`. Retention is each portal's own figure (the N&O
# portal statistics, `data_retention_in_days`), on its cameras node. The delays
# are estimates (no source gives them): an agency searches a portal's reads at
# any time in the two months after the read, so a 30-day retention cuts off
# about half of the searches; a 287(g) partner passes a result on within a day.
SEARCH_DELAY = "0..60d"
PARTNER_DELAY = "0..1d"

# 287(g) models: mechanism, status of the edge to ICE, and the note.
# Status follows docs/method.md ("Capability is not use"): the agreement is a
# documented fact, but that deputised officers pass on plate reads they can
# search is an inference (the shipped flock-ring-ice.yaml rates its 287(g)
# task-force edge `alleged` for the same reason). The jail and warrant-service
# models give ICE powers inside the agency's jail only, so a plate-read flow
# through them is merely possible: `hypothetical`.
MODELS = {
    "TFM": ("287g_task_force", "alleged", "Task Force Model",
            "Deputised officers enforce immigration law during ordinary policing; "
            "that they use the Flock access their agency holds for this is an inference, "
            "not a documented rule."),
    "WSO": ("287g_warrant_service", "hypothetical", "Warrant Service Officer",
            "Deputised jail officers serve ICE administrative warrants on people already in custody; "
            "no record shows plate reads moving through this model."),
    "JEM": ("287g_jail", "hypothetical", "Jail Enforcement Model",
            "Deputised jail officers screen people booked into the jail; "
            "no record shows plate reads moving through this model."),
}

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico", "VI": "U.S. Virgin Islands",
}
STATE_BY_NAME = {v.lower(): k for k, v in STATES.items()}

# ---------------------------------------------------------------------------
# Name normalisation, shared by both sides. Each rule is listed in the
# report (RULES_TEXT) and in docs/flock-network-2024.md.

# Spelling mistakes in the sources, fixed before anything else (whole words,
# compared in lower case).
TYPO_FIXES = {
    "departement": "department",     # 287(g): "Big Sandy Police Departement"
    "departmentn": "department",     # 287(g): "Von Ormy Police Departmentn"
    "distric": "district",           # 287(g): "16th Judicial Distric Drug Task Force"
    "sringfield": "springfield",     # Flock: "Sringfield IL (PD)"
    "departent": "department",       # 287(g) 2025: "Alachua Police Departent"
    "constbales": "constables",      # 287(g) 2025: "Coolspring Township Constbales Office"
    "constabless": "constables",     # 287(g) 2025: "Greene Township Constables's Office"
}

# Spelling mistakes in Flock names, fixed before the name is parsed and its kind
# chosen; the node's label keeps the name as the source writes it.
FLOCK_NAME_FIXES = {
    "Winston Count MS CO": "Winston County MS CO",
}

# Abbreviations expanded (whole words, after punctuation is removed).
ABBREVIATIONS = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort",
    "twp": "township", "co": "county", "cnty": "county",
    "dept": "department", "pct": "precinct", "const": "constable",
    "univ": "university", "intl": "international", "hwy": "highway",
    "metro": "metropolitan",
}

# Agency types: the words that end a name, longest first. The key keeps the
# type separately from the core name; the words are removed from the core.
TYPE_SUFFIXES = [
    ("sheriff", ["sheriffs", "office"]), ("sheriff", ["sheriff", "office"]),
    ("sheriff", ["sheriffs", "department"]), ("sheriff", ["sheriff", "department"]),
    ("sheriff", ["sheriffs", "pd"]), ("sheriff", ["sheriffs"]), ("sheriff", ["sheriff"]),
    ("sheriff", ["so"]), ("sheriff", ["sd"]),
    ("police", ["police", "department"]), ("police", ["police", "dept"]),
    ("police", ["division", "of", "police"]), ("police", ["police"]), ("police", ["pd"]),
    # A Department of Public Safety is a town's police under another name
    # ("Augusta KS DPS"); it is the same type as a police department.
    ("police", ["department", "of", "public", "safety"]),
    ("police", ["public", "safety", "department"]),
    ("police", ["public", "safety"]), ("police", ["dps"]),
    ("marshal", ["marshals", "office"]), ("marshal", ["marshal", "office"]),
    ("marshal", ["marshals"]), ("marshal", ["marshal"]),
    ("district_attorney", ["district", "attorneys", "office"]),
    ("district_attorney", ["district", "attorney", "office"]),
    ("district_attorney", ["district", "attorney"]),
    ("district_attorney", ["das", "office"]), ("district_attorney", ["da"]),
    ("prosecutor", ["prosecutors", "office"]), ("prosecutor", ["prosecutor", "office"]),
    ("prosecutor", ["prosecutors"]), ("prosecutor", ["prosecutor"]),
]
# Constables: "X County Constable Precinct 3", "X County Const TX Pct 3",
# "X County Constable's Office Pct.1" all become (state, "x county precinct 3", constable).
CONSTABLE_WORDS = {"constable", "constables", "office"}

# Leading words dropped from the core ("City of Tucker" = "Tucker").
LEADING_DROPS = [["city", "of"], ["town", "of"], ["village", "of"], ["borough", "of"]]

# A few names that the rules above cannot join but that name the same agency
# under another official form. Each is applied to the 287(g) side before
# normalisation, is listed in the report, and says why.
ALIASES_287G = {
    # (state, 287(g) agency): (N&O name it is joined to, reason)
    ("FL", "Florida Department of Highway Safety and Motor Vehicles, Division of Highway Patrol"): (
        "Florida Highway Patrol",
        "the Florida Highway Patrol is that division; Flock lists it by its usual name"),
    ("FL", "Florida Atlantic Police Department"): (
        "Florida Atlantic University FL PD",
        "Florida Atlantic University's police department; the 287(g) list leaves out 'University'"),
    ("FL", "Miami-Dade Sheriff's Office"): (
        "Miami-Dade FL PD",
        "the Miami-Dade Police Department became the Miami-Dade Sheriff's Office in January 2025 "
        "(Florida's 2018 Amendment 10); the Flock list of 2024 has the old name"),
    ("FL", "Office of Agricultural Law Enforcement"): (
        "Florida Office of Agriculture Law Enforcement",
        "the same office of the Florida Department of Agriculture, named with the state and 'Agriculture'"),
    ("KS", "Kansas Bureau of Investigation"): (
        "Kansas KBI",
        "KBI is the Kansas Bureau of Investigation's own abbreviation"),
    ("MO", "Missouri Highway Patrol"): (
        "Missouri State Highway Patrol",
        "the agency's official name is Missouri State Highway Patrol"),
    ("MO", "North County Police Cooperative"): (
        "North County Cooperative MO PD",
        "the same police cooperative of north St. Louis County; Flock writes 'Cooperative ... PD'"),
    ("OK", "Oklahoma Bureau of Investigation"): (
        "Oklahoma State Bureau of Investigations",
        "the agency's official name is Oklahoma State Bureau of Investigation (OSBI)"),
    ("MS", "Winston County Sheriff's Department"): (
        "Winston Count MS CO",
        "the only Winston County, MS account in the Flock data ('Count' is a typo in the source for "
        "'County'); the county's law-enforcement agency is its sheriff"),
    ("SC", "South Carolina Department of Public Safety"): (
        "SCDPS SC PD",
        "SCDPS is the South Carolina Department of Public Safety's own abbreviation (a state agency: "
        "the Highway Patrol, State Transport Police and Bureau of Protective Services)"),
    ("SC", "South Carolina Law Enforcement Division"): (
        "SLED - South Carolina Law Enforcement Division",
        "Flock writes the division with its abbreviation SLED in front"),
    ("TN", "Tennessee Department of Safety and Homeland Security"): (
        "Tennessee Highway Patrol",
        "the Tennessee Highway Patrol is a division of this department, and the only part of it in the Flock data"),
    ("TX", "Texas Department of Public Safety - Texas Highway Patrol"): (
        "Texas Department of Public Safety",
        "a division of the Texas Department of Public Safety, which holds the Flock account"),
    ("TX", "Texas Department of Public Safety- Criminal Investigations Division"): (
        "Texas Department of Public Safety",
        "a division of the Texas Department of Public Safety, which holds the Flock account"),
}


def fold(text: str) -> str:
    """Unicode to plain lower-case ASCII: accents dropped, curly quotes straightened."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def words_of(text: str) -> list[str]:
    """Lower-case words: '&' becomes 'and', apostrophes vanish, other punctuation splits."""
    text = fold(text).replace("&", " and ")
    text = re.sub(r"['`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    out = []
    for w in text.split():
        w = TYPO_FIXES.get(w, w)
        w = ABBREVIATIONS.get(w, w)
        if w == "county" and out and out[-1] == "parish":
            continue        # "Livingston Parish County LA SO" = "Livingston Parish"
        out.append(w)
    return out


def split_type(words: list[str]) -> tuple[list[str], str]:
    """Split the agency type off the end of a word list."""
    if "constable" in words or "constables" in words:
        core = [w for w in words if w not in CONSTABLE_WORDS]
        return core, "constable"
    for kind, suffix in TYPE_SUFFIXES:
        n = len(suffix)
        if len(words) > n and words[-n:] == suffix:
            core = words[:-n]
            # "Indiana State Police IN PD" = "Indiana State Police Department"
            if kind == "police" and len(core) > 1 and core[-1] == "police":
                core = core[:-1]
            return core, kind
    return words, "other"


def core_key(words: list[str]) -> tuple[str, str]:
    """(core, type) for a list of words with the state already removed."""
    core, kind = split_type(words)
    for lead in LEADING_DROPS:
        if core[:len(lead)] == lead and len(core) > len(lead):
            core = core[len(lead):]
            break
    return " ".join(core), kind


# ---------------------------------------------------------------------------
# Flock (N&O) names: the state is written in the name.

STATE_CODE_RE = re.compile(r"^[A-Z]{2}$")
# A dash with a space on at least one side separates parts of a Flock name.
DASH_SPLIT_RE = re.compile(r"\s+-\s*|\s*-\s+")


def g287_key(code: str, agency: str) -> tuple:
    """Join key of a 287(g) agency: (state, core, type), or the alias key."""
    alias = ALIASES_287G.get((code, agency))
    if alias:
        return (code, "alias: " + alias[0], "alias")
    core, kind = core_key(words_of(agency))
    return (code, core, kind)


def flock_parse(raw: str) -> dict:
    """Parse an N&O agency name into state, core, type and qualifiers.

    Steps (each is described in the report):
      1. Whitespace is collapsed. Text in parentheses is taken out.
      2. The rest is split at a dash with a space on at least one side
         ("CO - Erie PD", "Pasco PD - WA", "DNU- Walker County AL SO"); a
         final "-XX" where XX is a state code ("Mendocino County SO-CA") is
         split too.
      3. State candidates: every upper-case two-letter word, anywhere, that is
         a postal code; also a two-letter word in any case just before a final
         "PD" or "SO" ("Crestview Fl PD"). "CO" is read as "County" and "UT"
         as "University of Texas" when another code is present ("Wagoner CO
         SO OK", "UT Health - Tyler (TX)"); a final "SD" as "Sheriff's
         Department" when another code is present ("San Diego County CA SD").
         One distinct code: that is the state. None: a state's full name as
         a whole word, not followed by County, City, Parish or Township,
         gives the state if exactly one is found. Otherwise: no state.
      4. The state's code is removed everywhere. A part or parenthesis left
         holding only "PD" or "SO" gives the type if the name has none
         ("Sringfield IL (PD)") and is dropped otherwise. The first part
         left is the name; every other part or parenthesis is a qualifier.
      5. The name is normalised like a 287(g) name (core_key). A name with
         qualifiers ("Springfield MO PD (Raven)", "Polk County FL SO - Flex",
         "Jackson Township OH PD (Stark County)") is a second account or
         needs a qualifier to be told apart; it gets no join key.
    """
    name = " ".join(raw.split())
    parens = [q.strip() for q in re.findall(r"\(([^()]*)\)", name)]
    main = " ".join(re.sub(r"\([^()]*\)", " ", name).split())
    m = re.match(r"^(.*\S)-([A-Z]{2})$", main)
    if m and m.group(2) in STATES:
        main = m.group(1) + " - " + m.group(2)
    parts = [p.strip() for p in DASH_SPLIT_RE.split(main)]
    pieces = parts + parens                      # parts first, in order, then parentheses

    def tokens(text):
        return text.split()

    cands = []
    for piece in pieces:
        toks = tokens(piece)
        for j, t in enumerate(toks):
            if STATE_CODE_RE.match(t) and t in STATES:
                cands.append((t, piece, j, len(toks)))
    # Mixed-case code before a final PD/SO in the first part ("Crestview Fl PD").
    mixed = None
    toks0 = tokens(parts[0]) if parts else []
    if not cands and len(toks0) >= 3 and toks0[-1] in ("PD", "SO") and \
            re.match(r"^[A-Z][a-z]$", toks0[-2]) and toks0[-2].upper() in STATES:
        mixed = toks0[-2]
        cands.append((mixed.upper(), parts[0], len(toks0) - 2, len(toks0)))
    distinct = {c for c, *_ in cands}
    keep_words = set()                           # codes read as ordinary words
    if len(distinct) > 1 and "CO" in distinct:
        distinct.discard("CO")
        keep_words.add("CO")
    if len(distinct) > 1 and "UT" in distinct and "TX" in distinct:
        distinct.discard("UT")
        keep_words.add("UT")
    if len(distinct) > 1 and "SD" in distinct and any(
            c == "SD" and j == n - 1 and n > 1 for c, _, j, n in cands):
        distinct.discard("SD")
        keep_words.add("SD")
    state, state_rule = "", ""
    if len(distinct) == 1:
        state, state_rule = next(iter(distinct)), "code"
    elif len(distinct) > 1:
        state_rule = "conflicting codes " + "/".join(sorted(distinct))
    else:
        found = set()
        low = " " + " ".join(words_of(name)) + " "
        for code, full in sorted(STATES.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            fw = " " + full.lower() + " "
            idx = low.find(fw)
            while idx >= 0:
                after = low[idx + len(fw):].split(" ", 1)[0]
                if after not in ("county", "city", "parish", "township"):
                    found.add(code)
                    # blank it out so "West Virginia" does not also give "Virginia"
                    low = low[:idx] + " " + "x " * len(full.split()) + low[idx + len(fw):]
                    break
                idx = low.find(fw, idx + 1)
        if len(found) == 1:
            state, state_rule = next(iter(found)), "state name"
        elif len(found) > 1:
            state_rule = "conflicting names " + "/".join(sorted(found))

    def strip_state(piece):
        out = []
        for t in tokens(piece):
            if state and (t == state or t == mixed) and t not in keep_words:
                continue
            out.append(t)
        return " ".join(out)

    stripped = [strip_state(p) for p in pieces]
    name_part = ""
    quals = []
    loose_types = []
    for text in stripped:
        if not text:
            continue
        if text in ("PD", "SO"):
            loose_types.append(text)
        elif not name_part:
            name_part = text
        else:
            quals.append(text)
    words = words_of(name_part)
    if loose_types and split_type(words)[1] == "other":
        words = words + words_of(loose_types[0])
    core, kind = core_key(words)
    return {"state": state, "state_rule": state_rule, "core": core, "type": kind,
            "qualifiers": quals}


# ---------------------------------------------------------------------------
# Node kind and tags, from the name alone.

FEDERAL_RE = re.compile(
    r"\b(FBI|ATF|USPIS|US Postal Inspection Service|National Park|N\.R\.A\.|USMS|"
    r"US Air Force|US Army|GSA Inspector General|Tennessee Valley Authority|DEA|HSI|CBP)\b")
FUSION_RE = re.compile(r"\b(Fusion Center|NCRIC|Information Analysis Center)\b")
RISS_RE = re.compile(r"\b(RISS|MOCIC|ROCIC|NESPIN|RMIN|MAGLOCLEN|Western States Information Network)\b")
DEMO_RE = re.compile(r"(^Flock\b|\bFlock Safety\b|\bDemo\b|\bTest\b|\bTesting\b|\bTraining\b|^Example PD$|^fxgsoc$)", re.I)
PRIVATE_NAMES = {
    "Axon", "Genetec", "Verra Mobility", "SkyCop", "Ontic Technologies",
    "Applied Intel Systems", "Southern Company", "Mississippi Power",
    "Union Pacific Railroad PD", "FedEx Air Carrier PD", "TN - Loeb Properties Inc - Security",
    "Westport Regional Business League (MO)", "Policing Project", "Lynne Drake",
}
TRIBAL_RE = re.compile(r"\b(Tribe|Tribal)\b")
UNUSED_RE = re.compile(r"(do not use|don'?t use|dont use|\bDNU\b|not in use|\binactive\b|duplicate|revoked)", re.I)
STATE_AGENCY_RE = re.compile(
    r"(\bState Police\b|\bState Patrol\b|\bHighway Patrol\b|\bBureau of (Criminal )?Investigations?\b|"
    r"\bKBI\b|\bSLED\b|\bLaw Enforcement Agency\b|\bDepartment of Corrections\b|\(MDOC\)|"
    r"\bAttorney General\b|\bState Park|\bState Parks\b|\bCal Fire\b|\bDepartment of Insurance\b|"
    r"\bDepartment of Labor\b|\bDepartment of Revenue\b|\bBureau of Narcotics\b|"
    r"\bAlcoholic Beverage Laws Enforcement Commission\b|\bOffice of Homeland Security\b|"
    r"\bBoard of Criminal Justice\b|\bBureau of Motor Vehicles\b|\bWorkers' Compensation\b|"
    r"\bState Fire Marshal|\bDOTD\b|\bDepartment of Justice\b|\bDepartment of Natural Resources\b|"
    r"\bWildlife and Parks\b|\bParks & Wildlife\b|\bDepartment of Conservation\b|"
    r"\bFinancial Crimes Intelligence Center\b|\bDoC Intelligence Unit\b|"
    r"\bCommissioner of Insurance\b|\bOffice of Agriculture Law Enforcement\b|"
    r"\bStatewide Auto Theft\b|\bCrime Analysis Center\b|^CAC\b|\bSCDPS\b)")
# State-level "Department of Public Safety": "<State> DPS", "<State> Department of Public Safety".
STATE_DPS_RE = re.compile(
    r"^(" + "|".join(sorted((re.escape(n) for n in STATES.values()), key=len, reverse=True)) +
    r"|[A-Z]{2} -) (Department of Public Safety|DPS)$")
UNIVERSITY_RE = re.compile(r"\b(University|College|Univ\.|Campus|School|Schools|ISD|Academy|Georgia Tech|Cal State)\b")
LOCAL_RE = re.compile(
    r"(\bPD\b|\bSO\d?\b|\bSD\b|Police|Sheriff|Marshal|\bConst\b|Constable|\bDPS\b|Public Safety|"
    r"\bDA\b|\bDAs\b|DA's|District Attorney|Prosecutor|State Attorney|Solicitor|County Attorney|"
    r"Judicial|Dispatch|Disptach|\b911\b|Communications|\bECC\b|\bDoEC\b|\bRECC\b|SEMRECC|Joint Services|"
    r"Task ?Force|\bTF\b|\bDTF\b|Drug Enforcement Team|Strike Force|Major Crimes|"
    r"^City of|^Town of|Probation|Code Compliance|Arson|\bFire\b|\bFD\b|Housing Authority|Transit|"
    r"Airport|Port Police|Rangers|ABC|Levee District|Crime Prevention|Law Enforcement|Auto Theft|"
    r"Investigations Bureau|Special Investigations|Emergency Communications|Security|CECOMS|"
    r"Criminal Taskforce|County Commission|Public Service Authority|Environmental Enforcement|"
    r"\bLASD\b|Attorney|Beverage Control|Comm Ctr|Emergency Services|"
    r"\bCounty\b|\bTownship\b|\bVillage\b|\bCity$|\bCity [A-Z]{2}$)")


def classify(raw: str) -> tuple[str, list[str], str]:
    """(kind, extra tags, rule) for an N&O agency name."""
    tags = []
    if UNUSED_RE.search(raw):
        tags.append("marked_unused")
    if raw in PRIVATE_NAMES:
        return "other", tags + ["private"], "private company or person"
    if DEMO_RE.search(raw):
        return "other", tags + ["demo"], "Flock, demo, test or training account"
    if FEDERAL_RE.search(raw):
        return "federal_agency", tags + ["federal"], "federal agency name"
    if FUSION_RE.search(raw):
        return "state_agency", tags + ["fusion"], "fusion centre"
    if RISS_RE.search(raw):
        return "other", tags + ["riss"], "RISS regional information centre"
    if TRIBAL_RE.search(raw):
        return "other", tags + ["tribal"], "tribal police"
    if STATE_DPS_RE.search(raw) or (STATE_AGENCY_RE.search(raw) and not UNIVERSITY_RE.search(raw)):
        return "state_agency", tags, "state agency name"
    if UNIVERSITY_RE.search(raw):
        if LOCAL_RE.search(raw):
            return "local_agency", tags + ["campus"], "campus or school police"
        return "other", tags + ["campus"], "university, college or school"
    if LOCAL_RE.search(raw):
        return "local_agency", tags, "local agency word (PD, SO, Sheriff, DA, dispatch ...)"
    return "other", tags, "no rule applies"


# ---------------------------------------------------------------------------
# Ids

def slug(text: str) -> str:
    s = fold(text).replace("&", " and ")
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "agency"


# ---------------------------------------------------------------------------
# CSV helpers

def iso_date(text: str, file: str, row: int) -> str:
    """An ISO date; the 2025 workbook has one written "7/72025" (read as 7/7/2025)."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return text
    m = re.match(r"^(\d{1,2})/(\d{1,2})/?(\d{4})$", text)
    if m:
        return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    raise SystemExit(f"{file} row {row}: cannot read the date {text!r}")


def read_csv(path: str) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------

def portal_retention(usage: dict, no_id: int) -> str:
    """A portal's retention as a duration ("30d"), from the N&O portal statistics; empty
    (unlimited: not known) when the portal gave none or a value that is not a number of
    days ("NA")."""
    row = usage.get(str(no_id))
    match = re.fullmatch(r"(\d+) days", row["data_retention_in_days"]) if row else None
    return f"{match.group(1)}d" if match else ""


def build(data_dir: str) -> dict[str, str]:
    """Return {file name: content} for every output file."""
    access = read_csv(os.path.join(data_dir, ACCESS_FILE))
    usage = {r["id"]: r for r in read_csv(os.path.join(data_dir, USAGE_FILE))}
    g287 = read_csv(os.path.join(data_dir, G287_FILE))
    old_path = os.path.join(data_dir, G287_OLD_FILE)
    g287_old = read_csv(old_path) if os.path.exists(old_path) else None

    # --- agencies -----------------------------------------------------------
    names: dict[int, str] = {}
    portals: set[int] = set()
    for r in access:
        for col_id, col_name in (("src_agency_id", "src_agency"), ("external_agency_id", "external_agency")):
            i = int(r[col_id])
            n = r[col_name]
            if i in names and names[i] != n:
                raise SystemExit(f"N&O id {i} has two names: {names[i]!r} and {n!r}")
            names[i] = n
        portals.add(int(r["src_agency_id"]))
    problems = []
    if len(access) != EXPECTED_ROWS:
        problems.append(f"expected {EXPECTED_ROWS} sharing rows, found {len(access)}")
    if len(names) != EXPECTED_AGENCIES:
        problems.append(f"expected {EXPECTED_AGENCIES} agencies, found {len(names)}")
    if len(portals) != EXPECTED_PORTALS:
        problems.append(f"expected {EXPECTED_PORTALS} portal agencies, found {len(portals)}")
    for msg in problems:
        print("warning: " + msg, file=sys.stderr)

    agencies = {}
    for i, raw in names.items():
        label = " ".join(raw.split())
        fixed = FLOCK_NAME_FIXES.get(label, label)
        p = flock_parse(fixed)
        kind, extra, kind_rule = classify(fixed)
        agencies[i] = dict(p, no_id=i, raw=raw, label=label, name_fix=fixed if fixed != label else "",
                           kind=kind, extra_tags=extra, kind_rule=kind_rule)

    # Demo, test and training accounts of Flock itself are not agencies: they and
    # every sharing row that names them are left out (listed in the report).
    dropped = {i: {"label": agencies[i]["label"], "portal": i in portals,
                   "out": 0, "in": 0}
               for i, a in agencies.items() if "demo" in a["extra_tags"]}
    kept_access = []
    for r in access:
        s_i, t_i = int(r["src_agency_id"]), int(r["external_agency_id"])
        if s_i in dropped or t_i in dropped:
            if s_i in dropped:
                dropped[s_i]["out"] += 1
            if t_i in dropped:
                dropped[t_i]["in"] += 1
            continue
        kept_access.append(r)
    dropped_rows = len(access) - len(kept_access)
    access = kept_access
    for i in dropped:
        del agencies[i]
    portals = portals - set(dropped)

    # Node ids: the slug of the name; names that share a slug all get "-n<N&O id>".
    by_slug = collections.defaultdict(list)
    for i, a in agencies.items():
        by_slug[slug(a["label"])].append(i)
    slug_collisions = []
    for s, ids in sorted(by_slug.items()):
        for i in ids:
            agencies[i]["id"] = s if len(ids) == 1 and s != ICE_NODE else f"{s}-n{i}"
        if len(ids) > 1:
            slug_collisions.append((s, sorted(ids)))

    # --- join keys ------------------------------------------------------------
    def flock_key(a):
        if not a["state"] or a["qualifiers"] or not a["core"]:
            return None
        return (a["state"], a["core"], a["type"])

    flock_by_key = collections.defaultdict(list)
    for i, a in agencies.items():
        k = flock_key(a)
        a["key"] = k
        if k:
            flock_by_key[k].append(i)
    # Base key of a qualified account (qualifiers ignored): for the report only.
    for a in agencies.values():
        a["base_key"] = (a["state"], a["core"], a["type"]) if a["state"] and a["core"] else None

    flock_states = sorted({a["state"] for a in agencies.values() if a["state"]})

    agreements = []
    for n, r in enumerate(g287):
        st_name = r["state"].strip()
        code = STATE_BY_NAME.get(st_name.lower())
        if code is None:
            raise SystemExit(f"{G287_FILE}: unknown state {st_name!r}")
        agency = " ".join(r["agency"].split())
        alias = ALIASES_287G.get((code, agency))
        key = g287_key(code, agency)
        model = r["model"].strip()
        if model not in MODELS:
            raise SystemExit(f"{G287_FILE}: unknown model {model!r}")
        agreements.append({
            "row": n + 2, "state": code, "agency": agency, "county": r["county"].strip(),
            "model": model, "signed": r["signed"].strip(),
            "key": key, "alias": alias, "list": G287_NEW_DATE,
        })

    # ICE's workbook of 2025-07-18: an agreement there that the 2026-07-24 list
    # does not have (same key, same model) ended at an unknown date between the
    # two lists.
    old_agreements = []
    if g287_old is not None:
        model_of = {"Task Force Model": "TFM", "Warrant Service Officer": "WSO",
                    "Jail Enforcement Model": "JEM"}
        for n, r in enumerate(g287_old):
            st_name = r["STATE"].strip()
            if not st_name:
                continue                                  # blank rows of the workbook
            code = STATE_BY_NAME.get(st_name.lower())
            if code is None:
                raise SystemExit(f"{G287_OLD_FILE}: unknown state {st_name!r}")
            model = model_of.get(r["SUPPORT TYPE"].strip())
            if model is None:
                raise SystemExit(f"{G287_OLD_FILE}: unknown support type {r['SUPPORT TYPE']!r}")
            agency = " ".join(r["LAW ENFORCEMENT AGENCY"].split())
            old_agreements.append({
                "row": n + 2, "state": code, "agency": agency, "county": r["COUNTY"].strip(),
                "model": model, "signed": iso_date(r["SIGNED"], G287_OLD_FILE, n + 2),
                "key": g287_key(code, agency), "alias": ALIASES_287G.get((code, agency)),
                "list": G287_OLD_DATE,
            })
    new_models = {(ag["key"], ag["model"]) for ag in agreements}
    ended = [ag for ag in old_agreements if (ag["key"], ag["model"]) not in new_models]
    old_signed = collections.defaultdict(list)       # (key, model) -> signed dates in 2025
    for ag in old_agreements:
        old_signed[(ag["key"], ag["model"])].append(ag["signed"])

    # An alias joins on the exact N&O name it gives (in the same state).
    alias_targets = {(st, to) for (st, _), (to, _) in ALIASES_287G.items()}
    for i, a in agencies.items():
        if (a["state"], a["label"]) in alias_targets:
            a["key"] = (a["state"], "alias: " + a["label"], "alias")
            flock_by_key[a["key"]].append(i)

    g287_by_key = collections.defaultdict(list)
    for ag in agreements:
        g287_by_key[ag["key"]].append(ag)
    ended_by_key = collections.defaultdict(list)
    for ag in ended:
        ended_by_key[ag["key"]].append(ag)

    # --- the join -------------------------------------------------------------
    matched = {}        # key -> N&O id
    ambiguous = []      # (key, [N&O ids], [agreements])
    unmatched = []      # (key, [agreements])
    for key in sorted(set(g287_by_key) | set(ended_by_key)):
        ags = g287_by_key.get(key, []) + ended_by_key.get(key, [])
        cands = sorted(flock_by_key.get(key, []))
        if len(cands) == 1:
            matched[key] = cands[0]
        elif len(cands) > 1:
            ambiguous.append((key, cands, ags))
        else:
            unmatched.append((key, ags))
    matched_ids = collections.defaultdict(list)       # N&O id -> 287(g) keys joined to it
    for key, i in sorted(matched.items()):
        matched_ids[i].append(key)

    # --- nodes ------------------------------------------------------------------
    # Each agency is one node. An agency with a portal also has a second node, its
    # cameras (`<id>.cameras`, kind camera), which is where its plate reads start.
    # Sharing edges leave the cameras and enter the agency that may search them;
    # nothing leaves an agency node but its own 287(g) agreements. So no route
    # passes two sharing hops in a row (docs/method.md, "Sharing does not chain").
    node_rows = []
    for i, a in agencies.items():
        tags = ["flock"]
        if i in portals:
            tags.append("portal_agency")
        if i in matched_ids:
            tags.append("287g")
            models = {ag["model"] for key in matched_ids[i]
                      for ag in g287_by_key.get(key, []) + ended_by_key.get(key, [])}
            for m in sorted(models):
                tags.append("287g-" + m.lower())
            if not any(g287_by_key.get(key) for key in matched_ids[i]):
                tags.append("287g_ended")
        tags += a["extra_tags"]
        node_rows.append([a["id"], a["kind"], a["label"], a["state"], "", "",
                          ";".join(tags), "", ""])
        if i in portals:
            ctags = ["flock", "portal"] + (["portal-" + a["state"].lower()] if a["state"] else [])
            node_rows.append([a["id"] + CAMERAS_SUFFIX, "camera",
                              a["label"] + " cameras", a["state"], "", "",
                              ";".join(ctags), "plate_read", portal_retention(usage, i)])
    node_rows.sort(key=lambda r: r[0])

    # --- edges ------------------------------------------------------------------
    # Columns: from,to,id,carries,mechanism,when,status,sources,since,until,note
    edge_rows = []
    for i in sorted(portals, key=lambda j: agencies[j]["id"]):
        a = agencies[i]
        edge_rows.append([a["id"] + CAMERAS_SUFFIX, a["id"], a["id"] + ".own", "plate_read", OWN_MECH,
                          "", "documented", SRC_FLOCK, "", "",
                          f"{a['label']} searches its own cameras (N&O {i} has a transparency portal).",
                          SEARCH_DELAY])
    cross_state = 0
    unknown_state = 0
    self_rows = 0
    for r in access:
        if r["src_agency_id"] == r["external_agency_id"]:
            self_rows += 1           # a portal listing its own agency: the own-camera edge says it
            continue
        s, t = agencies[int(r["src_agency_id"])], agencies[int(r["external_agency_id"])]
        in_state = bool(s["state"]) and s["state"] == t["state"]
        if not in_state:
            cross_state += 1
            if not s["state"] or not t["state"]:
                unknown_state += 1
        edge_rows.append([s["id"] + CAMERAS_SUFFIX, t["id"], "", "plate_read", "flock_sharing",
                          "" if in_state else NATIONAL_PARAM, "documented", SRC_FLOCK, "", "",
                          f"N&O {r['src_agency_id']}->{r['external_agency_id']}", SEARCH_DELAY])
    edge_rows.sort(key=lambda r: (r[0], r[1]))
    g_rows = []
    ended_edges = 0
    for key, i in matched.items():
        a = agencies[i]
        rows = g287_by_key.get(key, []) + ended_by_key.get(key, [])
        n_model = collections.Counter(ag["model"] for ag in rows)
        first_new = {}
        for ag in sorted(g287_by_key.get(key, []), key=lambda x: (x["signed"], x["row"])):
            first_new.setdefault(ag["model"], ag["row"])
        for ag in rows:
            mech, status, model_name, why = MODELS[ag["model"]]
            is_ended = ag["list"] == G287_OLD_DATE
            eid = f"{a['id']}.287g-{ag['model'].lower()}"
            if n_model[ag["model"]] > 1:          # two agreements of one model: add the row
                eid += (f"-w{ag['row']}" if is_ended else f"-r{ag['row']}")
            if is_ended:
                ended_edges += 1
                later = sorted({x["model"] for x in g287_by_key.get(key, [])})
                others = (f" The later list has this agency's {', '.join(later)} agreement"
                          f"{'s' if len(later) > 1 else ''}: the agency may have changed model." if later else
                          " The agency has no agreement in the later list.")
                since, until = ag["signed"], G287_NEW_DATE
                note = (f"287(g) {model_name} agreement signed {ag['signed']}: "
                        f"'{ag['agency']}', {ag['county'] or 'no county given'}, {ag['state']} "
                        f"(ICE workbook of {G287_OLD_DATE}, row {ag['row']}). Not in the list of "
                        f"{G287_NEW_DATE} under the same name and model: it ended (or was renamed) on an "
                        f"unknown date between the two lists. `until` is the later list's date, the "
                        f"latest it can have ended; between the two dates the edge may already be gone."
                        f"{others} {why}")
                sources = SRC_ICE_OLD
            else:
                olds = sorted(old_signed.get((key, ag["model"]), []))
                since = ag["signed"]
                extra = ""
                if olds and ag["row"] == first_new[ag["model"]]:
                    if olds[0] < since:
                        extra = (f" ICE's workbook of {G287_OLD_DATE} lists it signed {olds[0]}; "
                                 f"the edge counts from that date.")
                        since = olds[0]
                    else:
                        extra = f" Also in ICE's workbook of {G287_OLD_DATE} (signed {olds[0]})."
                until = ""
                note = (f"287(g) {model_name} agreement signed {ag['signed']}: "
                        f"'{ag['agency']}', {ag['county'] or 'no county given'}, {ag['state']} "
                        f"(MigrantUSA row {ag['row']}).{extra} {why}")
                sources = f"{SRC_287G};{SRC_ICE}" + (f";{SRC_ICE_OLD}" if olds else "")
            g_rows.append([a["id"], ICE_NODE, eid, "plate_read", mech, PARTNER_PARAM, status,
                           sources, since, until, note, PARTNER_DELAY])
    g_rows.sort(key=lambda r: (r[0], r[2]))
    ids_seen = collections.Counter(r[2] for r in g_rows)
    dup = [k for k, v in ids_seen.items() if v > 1]
    if dup:
        raise SystemExit(f"duplicate 287(g) edge ids: {dup}")

    out = {}
    out["nodes.csv"] = csv_text(["id", "kind", "label", "state", "county", "place", "tags", "produces",
                                 "retention"], node_rows)
    out["edges.csv"] = csv_text(["from", "to", "id", "carries", "mechanism", "when", "status",
                                 "sources", "since", "until", "note", "delay"], edge_rows + g_rows)
    key_rows = []
    for i, a in sorted(agencies.items()):
        k = a["key"]
        key_rows.append([str(i), a["id"], a["label"], a["state"], a["state_rule"], a["kind"],
                         a["kind_rule"], a["core"], a["type"], ";".join(a["qualifiers"]),
                         "yes" if i in portals else "", "yes" if i in matched_ids else ""])
    out["agency-keys.csv"] = csv_text(
        ["no_id", "node", "name", "state", "state_from", "kind", "kind_rule", "core_name",
         "agency_type", "qualifiers", "portal", "matched_287g"], key_rows)

    out["join-report.md"] = report(
        agencies=agencies, portals=portals, access=access, agreements=agreements,
        g287_by_key=g287_by_key, matched=matched, ambiguous=ambiguous, unmatched=unmatched,
        flock_states=flock_states, flock_by_key=flock_by_key, cross_state=cross_state,
        unknown_state=unknown_state,
        slug_collisions=slug_collisions, g_rows=g_rows, g287_old=g287_old, problems=problems,
        ended=ended, ended_by_key=ended_by_key, ended_edges=ended_edges, old_agreements=old_agreements,
        dropped=dropped, dropped_rows=dropped_rows, name_fixes=FLOCK_NAME_FIXES, self_rows=self_rows)
    return out


RULES_TEXT = """\
Both sides are reduced to a key (state, core name, agency type). A 287(g)
agency and a Flock agency are joined only when their keys are exactly equal,
and only when exactly one Flock agency has that key. Nothing is fuzzy.

**Words (both sides).** Accents are dropped and the text is lower-cased;
curly apostrophes are straightened and then removed with the others
(`Sheriff's` = `Sheriffs`); `&` becomes `and`; every other character that is
not a letter or digit separates words. Then, word by word:

- spelling mistakes in the sources: `departement`, `departmentn`, `departent` → `department`,
  `distric` → `district`, `sringfield` → `springfield`, `constbales`, `constabless` → `constables`;
- abbreviations: `st` → `saint`, `ste` → `sainte`, `mt` → `mount`, `ft` → `fort`,
  `twp` → `township`, `co`/`cnty` → `county`, `dept` → `department`, `pct` → `precinct`,
  `const` → `constable`, `univ` → `university`, `intl` → `international`,
  `hwy` → `highway`, `metro` → `metropolitan`.

**Agency type (both sides).** The words that end the name give the type and
are removed from the core name:

| type | ending words |
|---|---|
| sheriff | `Sheriff's Office`, `Sheriff's Department`, `Sheriff Office`, `Sheriff's PD`, `Sheriff`, `SO`, `SD` (Flock) |
| police | `Police Department`, `Police Dept`, `Division of Police`, `Police`, `PD`; also `Department of Public Safety`, `Public Safety Department`, `Public Safety`, `DPS`. A `Police` left just before `PD` is dropped (`Indiana State Police IN PD` = `Indiana State Police Department`) |
| marshal | `Marshal's Office`, `Marshal Office`, `Marshals`, `Marshal` |
| district_attorney | `District Attorney's Office`, `District Attorney`, `DA's Office`, `DA` |
| prosecutor | `Prosecutor's Office`, `Prosecutor` |
| constable | any name containing `Constable` (or `Const`): the words `constable`, `office` are removed and the rest kept in order, so `Harris County Const TX Pct 5` and `Harris County Constable Precinct 5` both give `harris county precinct 5` |
| other | anything else: the whole name is the core |

`Sheriff's Office` and `Sheriff's Department` are the same type (one sheriff
per county). A town's Department of Public Safety is its police under
another name, so it is the same type as a Police Department (`Dalworthington
Gardens Department of Public Safety` = `Dalworthington Gardens TX PD`).

**Core name.** What is left. A leading `City of`, `Town of`, `Village of` or
`Borough of` is dropped (`City of Tucker (GA)` = `Tucker`). `Parish County` becomes `Parish` (`Livingston Parish County LA SO`).
`County`, `Parish`, `City`, `Township` and `Village` elsewhere are kept, because they
tell different agencies apart (`Union City` and `Union Township`; `Richmond
City` and `Richmond County` sheriffs in Virginia). So `Ashland County OH SO` =
`Ashland County Sheriff's Office` (Ohio), `Sylvania OH PD` = `Sylvania
Police Department` (Ohio), but `Tooele City PD UT` ≠ `Tooele Police
Department`.

**State.** 287(g): the state column (a full name) turned into its postal
code. Flock: the upper-case state code written in the name, in any position
(`Brownstown Twp PD MI`, `CO - Erie PD`, `Arlington PD (WA)`,
`Mendocino County SO-CA`), or a two-letter code in any case just before a
final `PD`/`SO` (`Crestview Fl PD`). `CO` is read as "County" and `UT` as
"University of Texas" when another code is present (`Wagoner CO SO OK`,
`UT Health - Tyler (TX)`); a final `SD` as "Sheriff's Department" when
another code is present (`San Diego County CA SD`). With no code, a state's
full name as a whole word, not followed by County/City/Parish/Township
(`Illinois State Police`, `Georgia Bureau of Investigation`), gives the
state. With two different codes or names, or none, the agency has no state
and is never joined (it is still a node). The code is then removed from the
name.

**Qualified accounts (Flock).** Text in parentheses, and text after a dash,
that is not a state code (`Springfield MO PD (Raven)`, `Polk County FL SO -
Flex`, `Miami Township OH PD (Clermont)`, `... (Duplicate don't use)`) marks
a second account or a place qualifier. Such an agency has no key and is not
joined; the report lists those that would have matched without their
qualifier.

**Aliases.** A short, explicit list of 287(g) names that the rules cannot
join but that name the same agency as a Flock name, or a division of it
(listed below with the reason for each). These are the only judgements in the
join; remove an entry from `ALIASES_287G` in the script to drop it.

**Ties.** When two or more Flock agencies have the key of a 287(g) agency,
the join refuses it and lists every candidate.
"""


def report(**k) -> str:
    agencies = k["agencies"]
    agreements = k["agreements"]
    g287_by_key = k["g287_by_key"]
    ended_by_key = k["ended_by_key"]
    matched = k["matched"]
    ambiguous = k["ambiguous"]
    unmatched = k["unmatched"]
    flock_states = set(k["flock_states"])
    flock_by_key = k["flock_by_key"]
    portals = k["portals"]
    L = []
    add = L.append

    def all_of(key):
        return g287_by_key.get(key, []) + ended_by_key.get(key, [])

    n_ag_keys = len(set(g287_by_key) | set(ended_by_key))
    matched_agreements = sum(len(all_of(key)) for key in matched)
    amb_agreements = sum(len(a) for _, _, a in ambiguous)
    unm_agreements = sum(len(a) for _, a in unmatched)
    unm_in_flock_states = [(key, a) for key, a in unmatched if key[0] in flock_states]
    by_model = collections.Counter(ag["model"] for key in matched for ag in all_of(key))
    matched_portals = sorted(i for i in matched.values() if i in portals)
    kinds = collections.Counter(a["kind"] for a in agencies.values())
    no_state = sum(1 for a in agencies.values() if not a["state"])
    state_from_name = sum(1 for a in agencies.values() if a["state_rule"] == "state name")
    ended = k["ended"]
    ended_keys = {ag["key"] for ag in ended}
    ended_gone = {key for key in ended_keys if not g287_by_key.get(key)}

    add("# Join report: Flock sharing network (N&O, 2024) × ICE 287(g) agreements")
    add("")
    add("Generated by `scripts/build-flock-network.py`; do not edit by hand. "
        "Same input, same bytes.")
    add("")
    add("Inputs: The News & Observer, \"Private Eyes\" (`agency_access20240426.csv`, MIT); "
        "MigrantUSA, us-immigration-data (`ice_287g.csv`, CC BY 4.0, DOI 10.5281/zenodo.21812233), "
        "from U.S. Immigration and Customs Enforcement's 287(g) participating-agencies workbook "
        f"as of {G287_NEW_DATE}; ICE's workbook of {G287_OLD_DATE} (archived by appelson/Tracking_287g) "
        "for the agreements the later list no longer has.")
    add("")
    if k["problems"]:
        add("**Warnings:** " + "; ".join(k["problems"]))
        add("")
    add("## Counts")
    add("")
    add("| | count |")
    add("|---|---:|")
    add(f"| Flock agencies (agency nodes; Flock's own demo accounts left out) | {len(agencies)} |")
    add(f"| ... with a transparency portal (tag `portal_agency`; each also has a cameras node "
        f"`<id>{CAMERAS_SUFFIX}`, tag `portal`, that produces `plate_read`) | {len(portals)} |")
    for kd in ("local_agency", "state_agency", "federal_agency", "other"):
        add(f"| ... kind `{kd}` | {kinds.get(kd, 0)} |")
    add(f"| ... with no state found in the name | {no_state} |")
    add(f"| ... state from a full state name, not a code | {state_from_name} |")
    add(f"| Flock demo, test and training accounts left out (listed below) | {len(k['dropped'])} "
        f"({k['dropped_rows']} sharing rows) |")
    add(f"| Own-camera edges (`{OWN_MECH}`, cameras → their agency) | {len(portals)} |")
    n_share = len(k['access']) - k['self_rows']
    add(f"| Sharing rows kept / of which a portal listing its own agency (the own-camera edge) | "
        f"{len(k['access'])} / {k['self_rows']} |")
    add(f"| Sharing edges (`flock_sharing`, cameras → agency) | {n_share} |")
    add(f"| ... between states or with an end of unknown state (`when: {NATIONAL_PARAM}`) | {k['cross_state']} |")
    add(f"| ... of which with an end of unknown state | {k['unknown_state']} |")
    add(f"| ... within one state | {n_share - k['cross_state']} |")
    add(f"| 287(g) agreements in the list of {G287_NEW_DATE} | {len(agreements)} |")
    n_names = len({(ag["state"], ag["agency"]) for ag in agreements})
    add(f"| ... agency names (state, name as written) | {n_names} |")
    add(f"| 287(g) agreements in ICE's workbook of {G287_OLD_DATE} | {len(k['old_agreements'])} |")
    add(f"| ... not in the later list under the same key and model (ended between the lists; "
        f"`until: {G287_NEW_DATE}`) | {len(ended)} |")
    add(f"| ... ... of agencies with no agreement at all in the later list | "
        f"{sum(1 for ag in ended if ag['key'] in ended_gone)} ({len(ended_gone)} agencies) |")
    add(f"| 287(g) agencies (distinct keys over both lists; spelling variants and aliased divisions merged) | {n_ag_keys} |")
    add(f"| 287(g) agencies matched to exactly one Flock agency | {len(matched)} |")
    add(f"| ... of which appear only in the {G287_OLD_DATE} workbook | "
        f"{sum(1 for key in matched if key in ended_gone)} |")
    add(f"| 287(g) agreements of matched agencies (edges to `{ICE_NODE}`) | {matched_agreements} |")
    add(f"| ... ended between the two lists (`until: {G287_NEW_DATE}`) | {k['ended_edges']} |")
    for m in ("TFM", "WSO", "JEM"):
        add(f"| ... {MODELS[m][2]} ({m}, `{MODELS[m][0]}`, status `{MODELS[m][1]}`) | {by_model.get(m, 0)} |")
    add(f"| Matched agencies that have a portal | {len(matched_portals)} |")
    add(f"| 287(g) agencies refused as ambiguous (ties) | {len(ambiguous)} ({amb_agreements} agreements) |")
    add(f"| 287(g) agencies not matched | {len(unmatched)} ({unm_agreements} agreements) |")
    add(f"| ... in a state present in the Flock data (listed below) | {len(unm_in_flock_states)} "
        f"({sum(len(a) for _, a in unm_in_flock_states)} agreements) |")
    add("")
    add("Flock states present: " + ", ".join(sorted(flock_states)) + ".")
    add("")
    add("## Match rules")
    add("")
    add(RULES_TEXT)
    add("### Aliases")
    add("")
    add("| state | 287(g) name | joined as | why |")
    add("|---|---|---|---|")
    for (st, name), (to, why) in sorted(ALIASES_287G.items()):
        add(f"| {st} | {md_cell(name)} | {md_cell(to)} | {md_cell(why)} |")
    add("")

    add("## Matched agencies")
    add("")
    add("| state | 287(g) agency | Flock agency | node | portal | models (signed) |")
    add("|---|---|---|---|---|---|")
    for key in sorted(matched, key=lambda kk: (kk[0], agencies[matched[kk]]["id"])):
        i = matched[key]
        a = agencies[i]
        ags = sorted(all_of(key), key=lambda x: (x["model"], x["signed"]))
        g_names = sorted({ag["agency"] for ag in ags})
        models = ", ".join(f"{ag['model']} ({ag['signed']}" +
                           (f"; {G287_OLD_DATE} list only)" if ag["list"] == G287_OLD_DATE else ")")
                           for ag in ags)
        add(f"| {key[0]} | {md_cell('; '.join(g_names))} | {md_cell(a['label'])} | `{a['id']}` | "
            f"{'yes' if i in portals else ''} | {models} |")
    add("")

    add("## Refused: more than one Flock candidate")
    add("")
    if not ambiguous:
        add("None: no 287(g) agency's key is shared by two Flock agencies.")
    else:
        add("| state | 287(g) agency | key | candidates (N&O id: name) |")
        add("|---|---|---|---|")
        for key, cands, ags in ambiguous:
            g_names = sorted({ag["agency"] for ag in ags})
            c = "; ".join(f"{i}: {agencies[i]['label']}" for i in cands)
            add(f"| {key[0]} | {md_cell('; '.join(g_names))} | `{md_cell(key[1])}` / {key[2]} | {md_cell(c)} |")
    add("")
    shared = [(key, ids) for key, ids in sorted(flock_by_key.items()) if len(ids) > 1]
    add("Flock agencies that share a key with another Flock agency (a 287(g) agency "
        "with that key would be refused):")
    add("")
    if shared:
        add("| state | key (core / type) | Flock agencies (N&O id: name) |")
        add("|---|---|---|")
        for key, ids in shared:
            c = "; ".join(f"{i}: {agencies[i]['label']}" for i in sorted(ids))
            add(f"| {key[0]} | `{md_cell(key[1])}` / {key[2]} | {md_cell(c)} |")
    else:
        add("None.")
    add("")

    # Qualified Flock accounts whose base key equals a 287(g) key.
    add("## Not joined: qualified Flock accounts")
    add("")
    add("Flock agencies whose name carries a qualifier (second account, place or "
        "status) and whose key without the qualifier equals a 287(g) agency's key. "
        "They are not tagged `287g` and have no edge to ICE. Where the unqualified "
        "account exists it is the one joined.")
    add("")
    rows = []
    for i, a in sorted(agencies.items()):
        if a["qualifiers"] and all_of(a["base_key"]) and a["key"] not in matched:
            other = matched.get(a["base_key"])
            rows.append((a["state"], a["label"], a["id"],
                         "; ".join(sorted({ag["agency"] for ag in all_of(a["base_key"])})),
                         agencies[other]["id"] if other is not None else ""))
    if rows:
        add("| state | Flock agency | node | 287(g) agency | joined instead |")
        add("|---|---|---|---|---|")
        for st, lab, nid, g, other in sorted(rows):
            add(f"| {st} | {md_cell(lab)} | `{nid}` | {md_cell(g)} | {('`' + other + '`') if other else '(none)'} |")
    else:
        add("None.")
    add("")

    add("## Not matched: 287(g) agencies in states present in the Flock data")
    add("")
    add("Every 287(g) agency in a state where the Flock data has at least one "
        "agency, for which no Flock agency has the same key. An agency is here "
        "either because it is not in the 2024 sharing lists, or because the two "
        "lists write it differently in a way the rules do not join (for example "
        "a sheriff whose Flock account is a second, qualified one). The key is "
        "shown so that a reader can check.")
    add("")
    add("| state | 287(g) agency | county | models | key (core / type) |")
    add("|---|---|---|---|---|")
    for key, ags in sorted(unm_in_flock_states, key=lambda x: (x[0][0], x[1][0]["agency"].lower(), x[0])):
        g_names = sorted({ag["agency"] for ag in ags})
        counties = sorted({ag["county"] for ag in ags if ag["county"]})
        models = ", ".join(sorted(ag["model"] + (f" ({G287_OLD_DATE} only)" if ag["list"] == G287_OLD_DATE else "")
                                  for ag in ags))
        add(f"| {key[0]} | {md_cell('; '.join(g_names))} | {md_cell('; '.join(counties))} | {models} | "
            f"`{md_cell(key[1])}` / {key[2]} |")
    add("")
    other_states = collections.Counter()
    for key, ags in unmatched:
        if key[0] not in flock_states:
            other_states[key[0]] += 1
    add("287(g) agencies in states with no Flock agency in the data (not listed): " +
        (", ".join(f"{s} {n}" for s, n in sorted(other_states.items())) or "none") + ".")
    add("")

    add(f"## Agreements in ICE's workbook of {G287_OLD_DATE} that the list of {G287_NEW_DATE} does not have")
    add("")
    add(f"Each row of ICE's workbook of {G287_OLD_DATE} whose key and model are not in the list "
        f"of {G287_NEW_DATE}. The agreement was in force on {G287_OLD_DATE} and had ended by "
        f"{G287_NEW_DATE}, on a date neither list gives (or the agency was renamed in a way the "
        f"rules do not join: the last column shows agreements of the same model in the same state "
        f"and county in the later list, for a reader to check). When the agency is matched, its "
        f"edge to `{ICE_NODE}` has `since` the signed date and `until: {G287_NEW_DATE}`, the latest "
        f"date it can have ended.")
    add("")
    new_by_place = collections.defaultdict(set)
    for ag in agreements:
        if ag["county"] and not ag["county"].startswith("#"):
            new_by_place[(ag["state"], ag["county"].lower(), ag["model"])].add(ag["agency"])
    if not ended:
        add("None.")
    else:
        add("| state | 287(g) agency (2025 workbook) | county | model | signed | Flock node | "
            "same model, state and county in the later list |")
        add("|---|---|---|---|---|---|---|")
        for ag in sorted(ended, key=lambda x: (x["state"], x["agency"].lower(), x["model"], x["row"])):
            i = matched.get(ag["key"])
            node = f"`{agencies[i]['id']}`" if i is not None else ""
            near = sorted(new_by_place.get((ag["state"], ag["county"].lower(), ag["model"]), set()))
            near = "; ".join(near[:4]) + (f"; … ({len(near)} in all)" if len(near) > 4 else "")
            add(f"| {ag['state']} | {md_cell(ag['agency'])} | {md_cell(ag['county'])} | {ag['model']} | "
                f"{ag['signed']} | {node} | {md_cell(near)} |")
    add("")

    add("## Left out: Flock's own demo, test and training accounts")
    add("")
    add("Accounts of Flock Safety itself (sales, engineering, demo and training) are not agencies; "
        "they and every sharing row naming them are left out of the network.")
    add("")
    add("| N&O id | name | portal | rows as portal | rows as listed agency |")
    add("|---:|---|---|---:|---:|")
    for i, d in sorted(k["dropped"].items()):
        add(f"| {i} | {md_cell(d['label'])} | {'yes' if d['portal'] else ''} | {d['out']} | {d['in']} |")
    add("")
    if k["name_fixes"]:
        add("Flock names with a spelling mistake, read as corrected for the kind and the key "
            "(the node keeps the name as written): " +
            "; ".join(f"`{md_cell(a)}` → `{md_cell(b)}`" for a, b in sorted(k["name_fixes"].items())) + ".")
        add("")

    add("## Node ids")
    add("")
    add("A node's id is its N&O name in lower case, with every run of other characters "
        "turned into `_`. Names that give the same id all get `-n<N&O id>` added:")
    add("")
    for s, ids in k["slug_collisions"]:
        add(f"- `{s}`: " + ", ".join(f"`{agencies[i]['id']}` ({md_cell(agencies[i]['label'])})" for i in ids))
    if not k["slug_collisions"]:
        add("- none")
    add("")
    add("`agency-keys.csv` lists, for every N&O agency id, its node id, state (and whether "
        "it came from a code or a full name), kind (and the rule that chose it) and join key.")
    add("")
    return "\n".join(L)


def main(argv=None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=os.path.join(root, "..", "shared", "data"),
                    help="folder with the input CSV files (default: ../shared/data from the repository root)")
    ap.add_argument("--out-dir", default=os.path.join(root, "scenarios", "flock-network-2024"),
                    help="folder for the derived tables (default: scenarios/flock-network-2024)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if any output file differs from what would be written")
    args = ap.parse_args(argv)

    out = build(os.path.normpath(args.data_dir))
    changed = []
    for name in sorted(out):
        path = os.path.join(args.out_dir, name)
        data = out[name].encode("utf-8")
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except FileNotFoundError:
            same = False
        if not same:
            changed.append(name)
            if not args.check:
                os.makedirs(args.out_dir, exist_ok=True)
                tmp = path + ".tmp"
                with open(tmp, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
    if args.check:
        for name in changed:
            print(f"out of date: {os.path.join(args.out_dir, name)}", file=sys.stderr)
        return 1 if changed else 0
    for name in sorted(out):
        print(("wrote     " if name in changed else "unchanged ") + os.path.join(args.out_dir, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
