#!/usr/bin/env python3
"""Build the relation lexicon of Entente from the PETRARCH2 CAMEO verb dictionary.

Run from the repository root (Python 3, standard library only; re-runnable, the output
is deterministic):

    python3 resources/lexicon/build_lexicon.py [--shared ../shared]

Reads
    <shared>/data/petrarch2/CAMEO.2.0.txt   the CAMEO verb pattern dictionary (MIT licence,
                                            Copyright (c) 2015 Open Event Data Alliance)
    <shared>/data/cameo/goldstein.tsv       the Goldstein score of each CAMEO code

Writes (beside this script; all UTF-8, tab separated, '#' starts a comment line)
    verbs.tsv      form, block, code, parse code: every inflected form of every verb (multi-word
                   verbs as words joined by spaces), the dictionary block it belongs to and its
                   default CAMEO code (empty when the verb only counts through a pattern); for a
                   weak verb (below) its default code goes to the fourth column instead, for when
                   the sentence's parse shows it as the predicate that links two actors.
    patterns.tsv   block, code, before, after: the block's patterns as word slots in order;
                   a slot "&NAME" stands for any word of that synonym set, "a|b" for either.
    synsets.tsv    name, words: the &SYNSET blocks, words separated by '|'.
    codes.tsv      code, goldstein: copied from goldstein.tsv.

The hand-kept cues (nouns, tone words, negators, extra verbs) live in cues.tsv, which this
script does not touch.

How the dictionary is read (see PETRARCH2's PETRreader.read_verb_dictionary for the format):
  * "--- NAME [code] ---" starts a block; "[---]" means the block has no default code.
  * A line that starts with a letter or '+' lists a verb: "MEET {MEETS MET MEETING}" gives the
    forms explicitly; otherwise regular forms are generated (-s/-es, -ed/-d/-ied, -ing).
    "+SIDE_WITH" is a multi-word verb whose first word is inflected. "[code]" after a verb
    overrides the block's default for that verb.
  * "- words * words [code]" is a pattern: the verb ('*') with words before and after it.
    Parentheses and braces only group words, so they are dropped; PETRARCH's position marks
    ($ source, + target, ^ skip, %) are dropped too: Entente matches patterns as words in order.
  * "[a:b]" codes: a is the event of subject on object; ":b" alone (empty a) is coded in the
    reverse direction ("X faces criticism" = criticism of X). Both are kept as written.

Some very common verbs (have, take, hold, need, give, ...) sit in CAMEO blocks whose default
code only makes sense after a parser has picked the sentence's main verb; in a word matcher
they fire everywhere. WEAK_LEMMAS and WEAK_BLOCKS list them: they count only when one of their
patterns matches.
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

WEAK_LEMMAS = {
    'ACT', 'ADD', 'APPEAR', 'ARRIVE', 'ATTEND', 'BE', 'BECOME', 'BELIEVE', 'BRING', 'BUILD', 'CALL',
    'CARRY', 'CLOSE', 'COME', 'CONSIDER', 'CONTINUE', 'COVER', 'DEVELOP', 'DO', 'DRAW', 'END', 'ENTER',
    'EXPECT', 'EXPRESS', 'FACE', 'FALL', 'FIND', 'FOLLOW', 'GET', 'GIVE', 'GO', 'HAVE', 'HEAR', 'HELP',
    'HOLD', 'HOPE', 'INCLUDE', 'INTRODUCE', 'KEEP', 'KNOW', 'LEAD', 'LEAVE', 'LOOK', 'MAINTAIN', 'MAKE',
    'MARK', 'MOVE', 'NEED', 'NOTE', 'OBSERVE', 'OPEN', 'PLACE', 'PLAY', 'PREPARE', 'PROVIDE', 'PUT',
    'RAISE', 'REACH', 'REMAIN', 'RETURN', 'RUN', 'SAY', 'SEE', 'SEEK', 'SEND', 'SERVE', 'SET', 'SHOW',
    'STAND', 'START', 'STOP', 'TAKE', 'TELL', 'THINK', 'TURN', 'USE', 'VIEW', 'WANT', 'WATCH', 'WIN',
    'WITNESS', 'WORK', 'EXPERIENCE', 'ENJOY', 'EMERGE', 'ENTER', 'FILE', 'FLY', 'DRIVE', 'CROSS',
    'CONFIRM', 'IDENTIFY', 'INDICATE', 'EXTEND', 'LEARN', 'READ', 'WRITE', 'ASK', 'BEGIN', 'LIVE',
    'POINT', 'STATE', 'FORM', 'PASS', 'SPEAK', 'TALK', 'MENTION', 'REPORT', 'REFER', 'NOTIFY',
    'PREDICT', 'ESTIMATE', 'EXPLAIN', 'QUOTE', 'REPEAT', 'EMPHASIZE', 'STRESS', 'HOST_PARTY',
    'DIE', 'FEEL', 'FIGHT_FOR', 'FREEZE', 'HIDE', 'CHANGE', 'COUNT', 'SEEM', 'LOSE', 'PAY', 'SELL',
    'BUY', 'OFFER', 'INTEND', 'PLAN', 'AIM', 'TRY', 'ATTEMPT', 'STRIVE', 'SIGNAL', 'FOCUS', 'CENTER',
    'BASE', 'SHARE', 'COLLECT', 'GATHER', 'ASSEMBLE', 'CONVENE', 'MEET_UP', 'DRAFT', 'CAST',
    'MARCH', 'PARADE', 'CHANT', 'DISCOVER', 'GROW', 'RISE', 'INCREASE', 'REDUCE', 'BOOST',
    'CUT', 'LIFT', 'POST', 'PUSH', 'PULL', 'TOUCH', 'HIT', 'STRIKE', 'BEAT', 'TARGET', 'SHOOT',
    'FIRE', 'DROP', 'BREAK', 'SPLIT', 'ELIMINATE', 'DESTROY', 'LAUNCH', 'RELEASE', 'ALLOW', 'LET',
    'ENGAGE', 'ENCOUNTER', 'CONTACT', 'CONFRONT', 'BRAVE', 'INTERACT', 'ARRANGE', 'ORGANIZE',
    'ORGANISE', 'AFFECT', 'CONCERN', 'WORRY', 'TRADE', 'ISSUE', 'BACK', 'FUND', 'MATTER', 'FIGURE',
    'PRESENT', 'OUTLINE', 'PROCEED', 'RECORD', 'SURVEY', 'TOUR', 'STRESS', 'REINFORCE', 'DEMONSTRATE',
    'ATTACH', 'DIG', 'ORDER',
}

# Whole blocks of verbs that grade or frame another event rather than name one ("intensified
# competition", "expanded cooperation", "led the delegation"): the event is the noun they govern.
WEAK_BLOCKS = {
    'BOOST', 'OVERSEE_MANAGE', 'GO_SOMEWHERE', 'ASSEMBLE', 'CONSIDER', 'ENDURE', 'EXHIBIT', 'PREDICT',
    'ESTIMATE', 'EMPHASIZE', 'OBSERVE', 'EXPLAIN_VERBAL', 'CONTINUE', 'ACCELERATE', 'DEVELOP', 'MAINTAIN',
    'INFLUENCE',
}

# Irregular past tenses/participles of common verbs whose dictionary entries give no forms.
IRREGULAR = {
    'GO': ['GOES', 'WENT', 'GONE', 'GOING'], 'COME': ['COMES', 'CAME', 'COMING'],
    'TAKE': ['TAKES', 'TOOK', 'TAKEN', 'TAKING'], 'GIVE': ['GIVES', 'GAVE', 'GIVEN', 'GIVING'],
    'SEE': ['SEES', 'SAW', 'SEEN', 'SEEING'], 'MAKE': ['MAKES', 'MADE', 'MAKING'],
    'SAY': ['SAYS', 'SAID', 'SAYING'], 'TELL': ['TELLS', 'TOLD', 'TELLING'],
    'HOLD': ['HOLDS', 'HELD', 'HOLDING'], 'KEEP': ['KEEPS', 'KEPT', 'KEEPING'],
    'LEAVE': ['LEAVES', 'LEFT', 'LEAVING'], 'SEND': ['SENDS', 'SENT', 'SENDING'],
    'SELL': ['SELLS', 'SOLD', 'SELLING'], 'BUY': ['BUYS', 'BOUGHT', 'BUYING'],
    'BRING': ['BRINGS', 'BROUGHT', 'BRINGING'], 'FIGHT': ['FIGHTS', 'FOUGHT', 'FIGHTING'],
    'SEEK': ['SEEKS', 'SOUGHT', 'SEEKING'], 'STRIKE': ['STRIKES', 'STRUCK', 'STRIKING'],
    'SHOOT': ['SHOOTS', 'SHOT', 'SHOOTING'], 'WIN': ['WINS', 'WON', 'WINNING'],
    'LEAD': ['LEADS', 'LED', 'LEADING'], 'MEET': ['MEETS', 'MET', 'MEETING'],
    'BREAK': ['BREAKS', 'BROKE', 'BROKEN', 'BREAKING'], 'SPEAK': ['SPEAKS', 'SPOKE', 'SPOKEN', 'SPEAKING'],
    'WRITE': ['WRITES', 'WROTE', 'WRITTEN', 'WRITING'], 'BEGIN': ['BEGINS', 'BEGAN', 'BEGUN', 'BEGINNING'],
    'DRAW': ['DRAWS', 'DREW', 'DRAWN', 'DRAWING'], 'THROW': ['THROWS', 'THREW', 'THROWN', 'THROWING'],
    'BUILD': ['BUILDS', 'BUILT', 'BUILDING'], 'SPEND': ['SPENDS', 'SPENT', 'SPENDING'],
    'LEND': ['LENDS', 'LENT', 'LENDING'], 'FORGIVE': ['FORGIVES', 'FORGAVE', 'FORGIVEN', 'FORGIVING'],
    'FORBID': ['FORBIDS', 'FORBADE', 'FORBIDDEN', 'FORBIDDING'], 'SEIZE': ['SEIZES', 'SEIZED', 'SEIZING'],
    'PUT': ['PUTS', 'PUTTING'], 'SET': ['SETS', 'SETTING'], 'CUT': ['CUTS', 'CUTTING'],
    'HIT': ['HITS', 'HITTING'], 'QUIT': ['QUITS', 'QUITTING'], 'LET': ['LETS', 'LETTING'],
    'SPLIT': ['SPLITS', 'SPLITTING'], 'BEAT': ['BEATS', 'BEATEN', 'BEATING'],
    'STAND': ['STANDS', 'STOOD', 'STANDING'], 'UNDERSTAND': ['UNDERSTANDS', 'UNDERSTOOD', 'UNDERSTANDING'],
    'UNDERTAKE': ['UNDERTAKES', 'UNDERTOOK', 'UNDERTAKEN', 'UNDERTAKING'],
    'OVERTHROW': ['OVERTHROWS', 'OVERTHREW', 'OVERTHROWN', 'OVERTHROWING'],
    'STEAL': ['STEALS', 'STOLE', 'STOLEN', 'STEALING'], 'SPEED': ['SPEEDS', 'SPED', 'SPEEDING'],
    'FLEE': ['FLEES', 'FLED', 'FLEEING'], 'FEEL': ['FEELS', 'FELT', 'FEELING'],
    'FIND': ['FINDS', 'FOUND', 'FINDING'], 'KNOW': ['KNOWS', 'KNEW', 'KNOWN', 'KNOWING'],
    'THINK': ['THINKS', 'THOUGHT', 'THINKING'], 'RUN': ['RUNS', 'RAN', 'RUNNING'],
    'SHUT': ['SHUTS', 'SHUTTING'], 'WITHDRAW': ['WITHDRAWS', 'WITHDREW', 'WITHDRAWN', 'WITHDRAWING'],
    'FORESEE': ['FORESEES', 'FORESAW', 'FORESEEN', 'FORESEEING'], 'BIND': ['BINDS', 'BOUND', 'BINDING'],
    'SWEAR': ['SWEARS', 'SWORE', 'SWORN', 'SWEARING'], 'STRIVE': ['STRIVES', 'STROVE', 'STRIVEN', 'STRIVING'],
    'RISE': ['RISES', 'ROSE', 'RISEN', 'RISING'], 'FALL': ['FALLS', 'FELL', 'FALLEN', 'FALLING'],
    'FLY': ['FLIES', 'FLEW', 'FLOWN', 'FLYING'], 'DRIVE': ['DRIVES', 'DROVE', 'DRIVEN', 'DRIVING'],
    'HIDE': ['HIDES', 'HID', 'HIDDEN', 'HIDING'], 'FREEZE': ['FREEZES', 'FROZE', 'FROZEN', 'FREEZING'],
    'WAGE': ['WAGES', 'WAGED', 'WAGING'], 'SHAKE': ['SHAKES', 'SHOOK', 'SHAKEN', 'SHAKING'],
    'UPHOLD': ['UPHOLDS', 'UPHELD', 'UPHOLDING'], 'WITHHOLD': ['WITHHOLDS', 'WITHHELD', 'WITHHOLDING'],
    'OVERRIDE': ['OVERRIDES', 'OVERRODE', 'OVERRIDDEN', 'OVERRIDING'],
    'BLOW': ['BLOWS', 'BLEW', 'BLOWN', 'BLOWING'], 'SPREAD': ['SPREADS', 'SPREADING'],
}

VOWELS = set('AEIOU')


def regular_forms(word):
    """-s, -ed and -ing forms of a regular English verb (upper case)."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    forms = []
    if re.search(r'(S|X|Z|CH|SH|O)$', word):
        forms.append(word + 'ES')
    elif len(word) > 1 and word.endswith('Y') and word[-2] not in VOWELS:
        forms.append(word[:-1] + 'IES')
    else:
        forms.append(word + 'S')
    if word.endswith('E'):
        forms.append(word + 'D')
    elif len(word) > 1 and word.endswith('Y') and word[-2] not in VOWELS:
        forms.append(word[:-1] + 'IED')
    else:
        forms.append(word + 'ED')
    if word.endswith('IE'):
        forms.append(word[:-2] + 'YING')
    elif word.endswith('E') and not word.endswith('EE') and len(word) > 2:
        forms.append(word[:-1] + 'ING')
    else:
        forms.append(word + 'ING')
    return forms


def phrase_of(token):
    """'+SIDE_WITH' -> 'SIDE WITH'; trailing '_' (open phrase) dropped."""
    return token.lstrip('+').strip('_').replace('_', ' ').strip()


def read_codes(path):
    codes = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) == 2 and re.fullmatch(r'\d{2,4}', parts[0]):
                codes[parts[0]] = parts[1]
    return codes


CODE_RE = re.compile(r'\[([^\]]*)\]')
HEADER_RE = re.compile(r'^---\s+(\S+)\s+\[([^\]]*)\]')


def clean_code(raw):
    raw = raw.strip()
    if raw.startswith('-'):
        return ''
    # Keep "a", "a:b" or ":b" with digits only.
    if re.fullmatch(r'\d{2,4}(:\d{2,4})?|:\d{2,4}', raw):
        return raw
    m = re.fullmatch(r'(\d{2,4}):?', raw)
    return m.group(1) if m else ''


def slot_words(text):
    """Pattern words in order, grouping marks dropped; '/' alternatives joined by '|'."""
    text = re.sub(r'[(){}]', ' ', text)
    slots = []
    for tok in text.split():
        if tok in ('$', '+', '^', '%') or tok.startswith('#'):
            continue
        tok = tok.strip('$+^%')
        if not tok:
            continue
        if tok.startswith('&'):
            slots.append(tok.rstrip('_'))
            continue
        alts = [t.strip('_').replace('_', ' ') for t in tok.split('/') if t.strip('_')]
        if not alts or not all(re.fullmatch(r"[A-Z0-9' .-]+", a) for a in alts):
            return None
        # A multi-word alternative becomes consecutive slots when it stands alone.
        if len(alts) == 1 and ' ' in alts[0]:
            slots.extend(alts[0].split())
        else:
            slots.append('|'.join(a.split()[0] for a in alts))
    return slots


def parse(dictionary):
    synsets = {}
    verbs = []      # (form, block, code, weak code)
    patterns = []   # (block, code, before, after)
    section = None
    current_synset = None
    block = None
    block_code = ''
    with open(dictionary, encoding='utf-8', errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\n')
            stripped = line.strip()
            if 'SYNONYM SETS' in line:
                section = 'synsets'
                continue
            if 'VERB PATTERNS' in line:
                section = 'verbs'
                continue
            if not stripped or stripped.startswith('#'):
                current_synset = None if not stripped else current_synset
                continue
            if section == 'synsets':
                if stripped.startswith('&'):
                    current_synset = stripped.split()[0].rstrip('_')
                    synsets.setdefault(current_synset, [])
                elif stripped.startswith('+') and current_synset:
                    word = phrase_of(stripped.split('#')[0].split()[0])
                    if word:
                        synsets[current_synset].append(word)
                continue
            if section != 'verbs':
                continue
            header = HEADER_RE.match(stripped)
            if header:
                block = header.group(1)
                block_code = clean_code(header.group(2))
                continue
            if block is None:
                continue
            body = stripped.split('#')[0].strip()
            if body.startswith('-'):
                m = CODE_RE.search(body)
                if not m:
                    continue
                code = clean_code(m.group(1))
                if not code:
                    continue
                words = body[1:m.start()].strip()
                if '*' not in words:
                    continue
                before_text, after_text = words.split('*', 1)
                before = slot_words(before_text)
                after = slot_words(after_text)
                if before is None or after is None or (not before and not after):
                    continue
                patterns.append((block, code, ' '.join(before), ' '.join(after)))
                continue
            # A verb line.
            m = re.match(r'^(\+?[A-Z][A-Z_\'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?', body)
            if not m:
                continue
            token = m.group(1)
            lemma = phrase_of(token)
            code = block_code
            if m.group(3):
                code = clean_code(m.group(3)[1:-1])
            head = lemma.split()[0]
            weak_code = ''
            if head in WEAK_LEMMAS or lemma.replace(' ', '_') in WEAK_LEMMAS or block in WEAK_BLOCKS:
                weak_code = code
                code = ''
            forms = [lemma]
            if m.group(2):
                forms += [phrase_of(t) for t in m.group(2)[1:-1].split() if phrase_of(t)]
            else:
                rest = lemma.split()[1:]
                forms += [' '.join([f] + rest) for f in regular_forms(head)]
            seen = set()
            for form in forms:
                if form not in seen:
                    seen.add(form)
                    verbs.append((form, block, code, weak_code))
    return synsets, verbs, patterns


def write(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(header)
        for row in rows:
            f.write('\t'.join(row) + '\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--shared', default=os.path.join(HERE, '..', '..', '..', 'shared'),
                    help='the shared data folder (default: ../shared beside the checkout)')
    args = ap.parse_args()
    dictionary = os.path.join(args.shared, 'data', 'petrarch2', 'CAMEO.2.0.txt')
    goldstein = os.path.join(args.shared, 'data', 'cameo', 'goldstein.tsv')
    synsets, verbs, patterns = parse(dictionary)
    codes = read_codes(goldstein)

    note = ('# Generated by build_lexicon.py from PETRARCH2 CAMEO.2.0.txt (MIT licence, Copyright (c) 2015\n'
            '# Open Event Data Alliance; see LICENSE.md beside this file). Do not edit: re-run the script.\n')
    used = {s for _, _, b, a in patterns for s in (b + ' ' + a).split() if s.startswith('&')}
    write(os.path.join(HERE, 'synsets.tsv'), note + '# name\twords\n',
          sorted((name, '|'.join(words)) for name, words in synsets.items() if name in used and words))
    write(os.path.join(HERE, 'verbs.tsv'), note + '# form\tblock\tcode\tparse code\n', verbs)
    write(os.path.join(HERE, 'patterns.tsv'), note + '# block\tcode\tbefore\tafter\n', patterns)
    write(os.path.join(HERE, 'codes.tsv'),
          '# CAMEO code and Goldstein score, copied from goldstein.tsv (GDELT) by build_lexicon.py.\n'
          '# code\tgoldstein\n', sorted(codes.items()))
    print(f'{len(verbs)} verb forms, {len(patterns)} patterns, {len(synsets)} synsets, {len(codes)} codes',
          file=sys.stderr)


if __name__ == '__main__':
    main()
