/* Mentions: the names of people and organizations in the article (found by the "names" frames),
 * gathered into entities that know their fullest name, gender, roles and nations. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool opens_nickname(const char *t, size_t i, size_t e)
{
    return t[i] == '"' || (i + 3 <= e && (!memcmp(t + i, "\xE2\x80\x9C", 3) ||
                                          !memcmp(t + i, "\xE2\x80\x98", 3)));
}

static bool closes_nickname(const char *t, size_t te, size_t ts)
{
    return (te > ts && t[te - 1] == '"') ||
           (te >= ts + 3 && (!memcmp(t + te - 3, "\xE2\x80\x9D", 3) ||
                             !memcmp(t + te - 3, "\xE2\x80\x99", 3)));
}

size_t ws_tokenize(const char *t, size_t s, size_t e, ws_tok *out, size_t max)
{
    size_t n = 0, i = s, k;
    while (i < e && n < max) {
        while (i < e && (k = ws_space_at(t, i, e)))
            i += k;
        size_t ts = i;
        if (i < e && opens_nickname(t, i, e)) { /* Rafael “El Gato” Sarmiento */
            size_t j = i;
            while (j < e) {
                while (j < e && !ws_space_at(t, j, e))
                    j++;
                if (closes_nickname(t, j, ts + 1))
                    break;
                while (j < e && (k = ws_space_at(t, j, e)))
                    j += k;
            }
            if (j < e) {
                i = j;
                continue;
            }
        }
        while (i < e && !ws_space_at(t, i, e))
            i++;
        size_t te = i;
        while (te > ts && (t[te - 1] == ',' || t[te - 1] == ';' || t[te - 1] == ':'))
            te--;
        if (te > ts)
            out[n++] = (ws_tok){ts, te};
    }
    return n;
}

/* Joins tokens i..i+k-1 with single spaces. */
static size_t join(const char *t, const ws_tok *tk, size_t i, size_t k, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t j = i; j < i + k; j++) {
        size_t n = tk[j].e - tk[j].s;
        if (o + n + 2 > cap)
            return cap;
        if (j > i)
            buf[o++] = ' ';
        memcpy(buf + o, t + tk[j].s, n);
        o += n;
    }
    buf[o] = '\0';
    return o;
}

size_t ws_match_list(const ws_doc *d, const ws_list *l, const ws_tok *tk, size_t n, size_t i,
                     uint32_t *attrs, long *entry)
{
    char buf[256];
    for (size_t k = n - i < 4 ? n - i : 4; k > 0; k--) {
        size_t len = join(d->text, tk, i, k, buf, sizeof buf);
        if (len == sizeof buf)
            continue;
        long ix = ws_list_find(l, buf, len);
        if (ix >= 0) {
            if (attrs)
                *attrs = l->groups[l->entry_group[ix]].attrs;
            if (entry)
                *entry = ix;
            return k;
        }
    }
    return 0;
}

bool ws_has_word(const char *set, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = set; p && (p = strstr(p, word)); p++)
        if ((p == set || p[-1] == '|') && (p[n] == '|' || p[n] == '\0'))
            return true;
    return false;
}

/* Appends a folded item to a '|'-separated set. */
static void set_add(char *set, size_t cap, const char *s, size_t n)
{
    char buf[128];
    size_t len = ws_fold(s, n, buf, sizeof buf - 1);
    buf[len] = '\0';
    if (len == 0 || len >= sizeof buf - 1 || ws_has_word(set, buf))
        return;
    size_t have = strlen(set);
    if (have + len + 2 > cap)
        return;
    if (have)
        set[have++] = '|';
    memcpy(set + have, buf, len + 1);
}

/* The country a demonym entry belongs to: the first entry of its group. */
static const char *country_of(const ws_list *l, long entry)
{
    return l->entries[l->groups[l->entry_group[entry]].first];
}

static bool capitalized(const char *t, ws_tok tk)
{
    size_t i = tk.s;
    return ws_is_upper(ws_utf8_next(t, tk.e, &i));
}

bool ws_word_is(const char *t, ws_tok w, const char *word)
{
    size_t n = strlen(word);
    return w.e - w.s == n && !memcmp(t + w.s, word, n);
}

size_t ws_possessive_owner(const char *t, ws_tok w)
{
    size_t n = w.e - w.s;
    if (n > 2 && t[w.e - 1] == 's' && t[w.e - 2] == '\'')
        return n - 2;
    if (n > 4 && t[w.e - 1] == 's' && !memcmp(t + w.e - 4, "\xE2\x80\x99", 3))
        return n - 4;
    if (n > 2 && t[w.e - 1] == '\'' && t[w.e - 2] == 's') /* "Sanders' team" */
        return n - 1;
    if (n > 4 && !memcmp(t + w.e - 3, "\xE2\x80\x99", 3) && t[w.e - 4] == 's')
        return n - 3;
    return 0;
}

/* Whether a lower-case word ends like a verb's past or participle ("owned", "visiting"): no role
 * a name could be given. */
static bool verb_form(const char *t, ws_tok w)
{
    size_t n = w.e - w.s;
    return (n > 4 && !memcmp(t + w.e - 2, "ed", 2)) || (n > 5 && !memcmp(t + w.e - 3, "ing", 3));
}

/* Whether a word is made an adjective by a hyphen and a word of hyphen-adjectives.txt
 * ("Texas-based", "Kremlin-backed"; not "Ban Ki-moon"), as HYPHEN_ADJECTIVE in common.pcre. */
static bool hyphen_adjective(const ws_doc *d, ws_tok tk)
{
    const char *t = d->text;
    size_t h = tk.e;
    while (h > tk.s && t[h - 1] != '-')
        h--;
    return h > tk.s + 1 && h < tk.e && capitalized(t, tk) &&
           ws_list_find(d->eng->hyphen_adjectives, t + h, tk.e - h) >= 0;
}

/* Whether tk[i] is a capitalized adverb, not a given name: a word of six letters or more that
 * ends in "ly" and names.txt does not hold ("Interestingly", "Certainly"; not "Beverly"). */
static bool adverb(const ws_doc *d, const ws_tok *tk, size_t n, size_t i)
{
    size_t len = tk[i].e - tk[i].s;
    return len >= 6 && !memcmp(d->text + tk[i].e - 2, "ly", 2) && capitalized(d->text, tk[i]) &&
           !ws_match_list(d, d->eng->names, tk, n, i, NULL, NULL);
}

/* The number of words from tk[i] up to and with a hyphen adjective, when all are capitalized
 * ("Los Angeles-based"), or 0. */
static size_t hyphen_adjective_at(const ws_doc *d, const ws_tok *tk, size_t n, size_t i)
{
    for (size_t j = i; j < n && j < i + 3 && capitalized(d->text, tk[j]); j++)
        if (hyphen_adjective(d, tk[j]))
            return j - i + 1;
    return 0;
}

/* Whether the place tk[i, i+k) (a country or state, not its adjective) begins a name: "Iowa
 * Electronic Markets", "Colorado Springs", "Illinois Board of Elections" — a capitalized word
 * that is no title follows it ("Vermont Sen. Bernie Sanders" is a senator of Vermont). */
static bool place_in_name(const ws_doc *d, const ws_tok *tk, size_t n, size_t i, size_t k,
                          long entry)
{
    const ws_list *l = d->eng->demonyms;
    return l->groups[l->entry_group[entry]].first == (size_t)entry && i + k < n &&
           capitalized(d->text, tk[i + k]) &&
           !ws_match_list(d, d->eng->titles, tk, n, i + k, NULL, NULL) &&
           !ws_match_list(d, d->eng->nonspeakers, tk, n, i + k, NULL, NULL) && /* "Iowa Democrat" */
           !ws_match_list(d, d->eng->demonyms, tk, n, i + k, NULL, NULL);
}

static bool known_surname(const ws_doc *d, ws_tok w);

size_t ws_strip_titles(const ws_doc *d, const ws_tok *tk, size_t n, char *roles, size_t rcap,
                       char *nations, size_t ncap, ws_gender *gender)
{
    /* The name starts after the last title that still has words after it: "National Bank
     * Governor Lorenz Habicht", "Superintendent Dr. Marisol Quade", "the Kremlin". */
    const ws_engine *e = d->eng;
    size_t start = 0;
    bool deputy = false;
    for (size_t i = 0; i < n;) {
        uint32_t attrs = 0;
        long entry = -1;
        size_t k;
        if ((k = ws_match_list(d, e->titles, tk, n, i, &attrs, &entry)) && i + k < n &&
            !(k == 1 && i + 2 == n && ws_match_list(d, e->names, tk, n, i, NULL, NULL))) {
            /* a title, unless a given name before the last word: "coach Dean Ashworth" */
            if (attrs & e->a_tmale)
                *gender = WS_G_MALE;
            if (attrs & e->a_tfemale)
                *gender = WS_G_FEMALE;
            const char *f = e->titles->folded[entry], *sp = strrchr(f, ' ');
            bool second = !strncmp(f, "deputy", 6) || !strncmp(f, "vice", 4) ||
                          !strncmp(f, "assistant", 9); /* "Deputy Chief Constable X": no chief */
            if (roles && (attrs & e->a_role) && !deputy) { /* "health minister": a minister */
                set_add(roles, rcap, f, strlen(f));
                if (sp && !second) /* a vice president is no "president" */
                    set_add(roles, rcap, sp + 1, strlen(sp + 1));
                for (const char *p = f, *q; sp && !second && (q = strchr(p, ' ')); p = q + 1) {
                    uint32_t wa = ws_list_attrs_of(e->titles, p, (size_t)(q - p), NULL);
                    if (wa & e->a_role) /* "Chief Constable X" is also "the chief" */
                        set_add(roles, rcap, p, (size_t)(q - p));
                }
            }
            deputy = second && !sp; /* "Deputy" alone: the next title is not theirs */
            start = i + k;
        } else if ((k = ws_match_list(d, e->demonyms, tk, n, i, NULL, &entry)) && i + k < n &&
                   !place_in_name(d, tk, n, i, k, entry)) {
            if (nations) {
                const char *c = country_of(e->demonyms, entry);
                set_add(nations, ncap, c, strlen(c));
            }
            if (start == i)
                start = i + k;
        } else if ((k = ws_match_list(d, e->determiners, tk, n, i, NULL, NULL)) && i + k < n) {
            if (start == i)
                start = i + k;
        } else if ((k = ws_match_list(d, e->nonspeakers, tk, n, i, NULL, NULL)) && i + k < n &&
                   (!capitalized(d->text, tk[i]) ||
                    (capitalized(d->text, tk[i + k]) &&
                     (d->text[tk[i + k - 1].e - 1] != 's' ||
                      ws_match_list(d, e->names, tk, n, i + k, NULL, NULL) ||
                      (i + k + 1 == n && known_surname(d, tk[i + k])))))) {
            /* "Board member Harold Weems", "supporter Leanne Coyle", "Democrat Zephyr
             * Teachout", "Democrats Hillary Clinton and …", "Republicans Jolly" after David
             * Jolly; not "Parents First" */
            start = i + k;
        } else if ((k = hyphen_adjective_at(d, tk, n, i)) && i + k < n) {
            start = i + k; /* "Texas-based Matt Mackowiak", "Los Angeles-based attorney X" */
        } else if (i == 0 && i + 1 < n && adverb(d, tk, n, i)) {
            k = 1;
            start = i + 1; /* "Interestingly Blocher", "Certainly Donald Trump" */
        } else {
            k = 1;
        }
        i += k;
    }
    while (start + 1 < n && !capitalized(d->text, tk[start]))
        start++; /* "the company Bohdanian Railways": a name starts with a capital */
    /* "Shipping group Skarvik Linjen", "Branch librarian Hollis Mbeki": a capitalized word and
     * lower-case ones describe the name that follows them */
    size_t k = start + 1;
    while (k < n && !capitalized(d->text, tk[k]) &&
           !ws_match_list(d, e->particles, tk, n, k, NULL, NULL) && d->text[tk[k].s] != '(')
        k++;
    if (k > start + 1 && k < n && capitalized(d->text, tk[k]))
        start = k;
    return start;
}

size_t ws_org_start(const ws_doc *d, const ws_tok *tk, size_t first, size_t end)
{
    uint32_t a = 0;
    if (end == 0 || !ws_match_list(d, d->eng->organizations, tk, end, end - 1, &a, NULL) ||
        !(a & d->eng->a_head))
        return first;
    size_t s = first; /* "The Premier Football League": "Premier" is no title here */
    while (s > 0 && capitalized(d->text, tk[s - 1]) &&
           !ws_match_list(d, d->eng->determiners, tk, end, s - 1, NULL, NULL))
        s--;
    return s;
}

bool ws_firm_ampersand(const ws_doc *d, const ws_tok *tk, size_t n, size_t i)
{
    return i > 0 && i + 1 < n && tk[i].e - tk[i].s == 1 && d->text[tk[i].s] == '&' &&
           capitalized(d->text, tk[i - 1]) && capitalized(d->text, tk[i + 1]) &&
           !ws_match_list(d, d->eng->titles, tk, n, i + 1, NULL, NULL); /* "X & Mr. Y": two */
}

bool ws_and_in_org_name(const ws_doc *d, const ws_tok *tk, size_t n, size_t i)
{
    const ws_engine *e = d->eng;
    uint32_t a = 0, b = 0;
    if (i == 0 || i + 1 >= n || !ws_word_is(d->text, tk[i], "and") ||
        !capitalized(d->text, tk[i - 1]) ||
        ws_match_list(d, e->organizations, tk, n, n - 1, &a, NULL) != 1 || !(a & e->a_head))
        return false;
    if (i >= 2 && capitalized(d->text, tk[i - 2]) &&
        ws_match_list(d, e->organizations, tk, n, i - 1, &b, NULL) == 1 && (b & e->a_head))
        return false; /* "The Washington Post and ABC News": two names */
    for (size_t j = i + 1; j < n; j++)
        if (!capitalized(d->text, tk[j]) || ws_match_list(d, e->titles, tk, n, j, NULL, NULL))
            return false; /* "Mr. Grassley and Mr. Leahy", "Clinton and the DNC" */
    return true;
}

size_t ws_name_end(const ws_doc *d, const ws_tok *tk, size_t start, size_t n)
{
    const ws_engine *e = d->eng;
    for (size_t i = start + 1; i < n; i++) {
        if (d->text[tk[i].s] == '(')
            return i; /* "The National Transport Union (NTU)" */
        if (capitalized(d->text, tk[i]) || ws_firm_ampersand(d, tk, n, i) ||
            ws_and_in_org_name(d, tk, n, i))
            continue;
        uint32_t attrs = 0;
        if (!ws_match_list(d, e->particles, tk, n, i, &attrs, NULL) ||
            !(attrs & (e->a_name_particle | e->a_org_particle)))
            return i;
        uint32_t prev = 0; /* "Federation of Labour" goes on, "Barrow of Acme" ends */
        ws_match_list(d, e->organizations, tk, n, i - 1, &prev, NULL);
        if ((attrs & e->a_org_particle) && !(prev & e->a_head))
            return i;
    }
    return n;
}

/* The first and last word of an entity name. */
static void ends_of(const char *name, const char **first, size_t *fn, const char **last,
                    size_t *ln)
{
    const char *sp = strchr(name, ' ');
    const char *lsp = strrchr(name, ' ');
    *first = name;
    *fn = sp ? (size_t)(sp - name) : strlen(name);
    *last = lsp ? lsp + 1 : name;
    *ln = strlen(*last);
}

/* Words compare ignoring case, so that a transcript's "PENCE" finds Mike Pence. */
static bool word_eq(const char *w, size_t wn, const char *t, ws_tok tk)
{
    char a[128], b[128];
    size_t an = ws_fold(w, wn, a, sizeof a), bn = ws_fold(t + tk.s, tk.e - tk.s, b, sizeof b);
    return an == bn && an < sizeof a && !memcmp(a, b, an);
}

/* How many of the most recent entities a name is compared with: an article has a few dozen;
 * the bound keeps a pathological one linear. */
#define MAX_ENTITY_LOOK 1000

/* Whether a person the article named before has the surname `w`. */
static bool known_surname(const ws_doc *d, ws_tok w)
{
    size_t oldest = d->nents > MAX_ENTITY_LOOK ? d->nents - MAX_ENTITY_LOOK : 0;
    for (size_t i = d->nents; i-- > oldest;) {
        const ws_entity *en = &d->ents[i];
        const char *ef, *el;
        size_t efn, eln;
        ends_of(en->name, &ef, &efn, &el, &eln);
        if (en->kind == WS_PERSON && en->nwords > 1 && word_eq(el, eln, d->text, w))
            return true;
    }
    return false;
}

/* Finds the entity a name refers to: the same name; for a person the same surname (and given
 * name when both have one); for a single word, the entity whose name starts with it
 * ("Skyvale" for "Skyvale Airways", "Brennock" for "Brennock Dairies"). Most recent first. */
static size_t find_entity(const ws_doc *d, const ws_tok *tk, size_t n, ws_entity_kind kind,
                          ws_gender g)
{
    const char *t = d->text;
    char a[256], b[256], name[256];
    size_t len = join(t, tk, 0, n, name, sizeof name);
    size_t an = ws_fold(name, len, a, sizeof a);
    size_t by_first = WS_NONE, by_last = WS_NONE;
    size_t oldest = d->nents > MAX_ENTITY_LOOK ? d->nents - MAX_ENTITY_LOOK : 0;
    for (size_t i = d->nents; i-- > oldest;) { /* the most recent entities: bounded work */
        const ws_entity *en = &d->ents[i];
        if (g != WS_G_UNKNOWN && en->gender != WS_G_UNKNOWN && en->gender != g)
            continue; /* "Mrs. Clinton" is not Bill Clinton */
        size_t bn = ws_fold(en->name, strlen(en->name), b, sizeof b);
        if (an == bn && !memcmp(a, b, an))
            return i;
        if (en->alias && strlen(en->alias) == len && !memcmp(en->alias, name, len))
            return i; /* "the NTU" after "The National Transport Union (NTU)" */
        const char *ef, *el;
        size_t efn, eln;
        ends_of(en->name, &ef, &efn, &el, &eln);
        bool last_eq = word_eq(el, eln, t, tk[n - 1]);
        bool first_eq = word_eq(ef, efn, t, tk[0]);
        if (kind == WS_PERSON && en->kind == WS_PERSON &&
            (by_last == WS_NONE ||
             (n == 1 && last_eq && en->by_surname && !d->ents[by_last].by_surname)) &&
            ((last_eq && (n == 1 || en->nwords == 1 || first_eq)) ||
             (n > 1 && en->nwords == 1 && first_eq))) /* "Dex" before "Dex Marlowe-Oyelowo" */
            by_last = i; /* "Seo" is the Seo called so before her son Joon-ho Seo came in */
        if (n == 1 && by_first == WS_NONE && en->nwords > 1 && first_eq)
            by_first = i;
        size_t bl = strlen(en->name);
        if (n > 1 && by_first == WS_NONE && en->kind == WS_ORG && en->nwords > n && bl > len &&
            en->name[len] == ' ' && !memcmp(en->name, name, len))
            by_first = i; /* "St. Brannock’s" after "St. Brannock’s Hospital" */
        /* a surname of two words: "Mac Giolla" */
        if (kind == WS_PERSON && by_last == WS_NONE && n > 1 && en->nwords > n && bl > len &&
            en->name[bl - len - 1] == ' ' && !memcmp(en->name + bl - len, name, len))
            by_last = i;
    }
    return by_last != WS_NONE ? by_last : by_first;
}

int ws_entity_note(ws_entity *en, const char *roles, const char *nations, ws_gender g, int age)
{
    const char *src[2] = {roles, nations};
    char **dst[2] = {&en->roles, &en->nations};
    for (int k = 0; k < 2; k++) {
        if (!src[k] || !*src[k])
            continue;
        size_t cap = (*dst[k] ? strlen(*dst[k]) : 0) + strlen(src[k]) + 2;
        char *m = malloc(cap);
        if (!m)
            return WS_ERR_NOMEM;
        snprintf(m, cap, "%s", *dst[k] ? *dst[k] : "");
        const char *p = src[k];
        while (*p) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            set_add(m, cap, p, n);
            p += n + (bar ? 1 : 0);
        }
        free(*dst[k]);
        *dst[k] = m;
    }
    if (g != WS_G_UNKNOWN && en->gender == WS_G_UNKNOWN)
        en->gender = g;
    if (age > 0)
        en->age = age;
    return 0;
}

size_t ws_entity_for(ws_doc *d, const ws_tok *tk, size_t n, ws_entity_kind kind, ws_gender g,
                     bool create)
{
    char name[256];
    size_t len = join(d->text, tk, 0, n, name, sizeof name);
    if (len == sizeof name || n == 0)
        return WS_NONE;
    size_t found = find_entity(d, tk, n, kind, g);
    if (found != WS_NONE) {
        ws_entity *en = &d->ents[found];
        const char *ef, *el;
        size_t efn, eln;
        ends_of(en->name, &ef, &efn, &el, &eln);
        if (n == 1 && en->nwords > 1 && en->kind == WS_PERSON && word_eq(el, eln, d->text, tk[0]))
            en->by_surname = true; /* "Seo", not "Joon-ho" */
        if (n > en->nwords) { /* keep the fullest name */
            char *m = ws_strndup(name, len);
            if (m) {
                free(en->name);
                en->name = m;
                en->nwords = n;
            }
        }
        return found;
    }
    if (!create || ws_grow(&d->ents, &d->cap_ents, d->nents + 1, sizeof *d->ents))
        return WS_NONE;
    ws_entity *en = &d->ents[d->nents];
    memset(en, 0, sizeof *en);
    if (!(en->name = ws_strndup(name, len)))
        return WS_NONE;
    en->nwords = n;
    en->kind = kind;
    if (kind == WS_PERSON && n > 1) {
        uint32_t a = ws_list_attrs_of(d->eng->names, d->text + tk[0].s, tk[0].e - tk[0].s, NULL);
        en->gender = (a & d->eng->a_male)     ? WS_G_MALE
                     : (a & d->eng->a_female) ? WS_G_FEMALE
                                              : WS_G_UNKNOWN;
    }
    return d->nents++;
}

/* Top-level quote spans are in document order and do not overlap: binary search. */
static bool inside_quote(const ws_doc *d, size_t pos)
{
    size_t lo = 0, hi = d->nqspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->qspans[mid].inner.start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && pos < d->qspans[lo - 1].inner.end;
}

/* Whether every token is a country, demonym, place word, stopword or a word for people that
 * names nobody ("congressional Democrats"): not a name. */
static bool not_a_name(const ws_doc *d, const ws_tok *tk, size_t n)
{
    const ws_engine *e = d->eng;
    for (size_t i = 0; i < n;) {
        size_t k = ws_match_list(d, e->demonyms, tk, n, i, NULL, NULL);
        if (!k)
            k = ws_match_list(d, e->stopwords, tk, n, i, NULL, NULL);
        if (!k)
            k = ws_match_list(d, e->nonspeakers, tk, n, i, NULL, NULL);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* Whether a one-word name ending at byte `at` is used as an adjective: a lower-case word for
 * people follows it ("Democratic politicians", "Republican candidates"). */
bool ws_modifies_people(const ws_doc *d, size_t at)
{
    ws_tok next[3]; /* "Democratic lawmakers", "Democratic vice presidential nominee" */
    /* three words fit in a bounded window; the tokenizer would read a nickname's quote mark to
     * the end of the text otherwise */
    size_t n = ws_tokenize(d->text, at, d->len - at > 96 ? at + 96 : d->len, next, 3);
    for (size_t i = 0; i < n && !capitalized(d->text, next[i]); i++) {
        ws_tok w = next[i];
        bool last = w.e > w.s && strchr(".!?,;:", d->text[w.e - 1]);
        while (w.e > w.s && strchr(".!?", d->text[w.e - 1]))
            w.e--;       /* "lawmakers." */
        ws_tok sing = w; /* "lawmakers": the plural of a role */
        if (sing.e - sing.s > 3 && d->text[sing.e - 1] == 's')
            sing.e--;
        if (ws_match_list(d, d->eng->nonspeakers, &w, 1, 0, NULL, NULL) ||
            ws_match_list(d, d->eng->titles, &w, 1, 0, NULL, NULL) ||
            ws_match_list(d, d->eng->titles, &sing, 1, 0, NULL, NULL))
            return true;
        size_t len = w.e - w.s; /* "Obama passionately rebuked critics": no adjective */
        if (last || d->text[next[i].e] == ',' ||
            (len > 2 &&
             (!memcmp(d->text + w.e - 2, "ly", 2) || !memcmp(d->text + w.e - 2, "ed", 2))))
            break;
    }
    return false;
}

/* Whether the words before a name say what kind of organization it is: "ferry operator Skagen
 * Line", "the state rail company Bohdanian Railways". */
static bool org_prefix(const ws_doc *d, const ws_tok *tk, size_t first)
{
    uint32_t a = 0; /* the word right before the name: "city councillor X" is a person */
    return first > 0 && !capitalized(d->text, tk[first - 1]) &&
           ws_match_list(d, d->eng->organizations, tk, first, first - 1, &a, NULL) &&
           (a & d->eng->a_head);
}

/* Capitals only, more than an acronym: a dateline ("PORT ELSKE, Nov 19") or a tabloid's
 * opening word ("TELLY chef"), not a name. */
static bool shouted(const ws_doc *d, const ws_tok *tk, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = tk[i].s; k < tk[i].e;) {
            int32_t c = ws_utf8_next(d->text, tk[i].e, &k);
            if (ws_is_lower(c))
                return false;
            letters += ws_is_letter(c);
        }
    return n > 1 || letters > 4;
}

/* Bytes back that word_before() reads, at most. */
#define MAX_WORD_BEFORE 128

/* The word that ends before byte `at` (spaces between), as a token; empty at the start. */
static ws_tok word_before(const ws_doc *d, size_t at)
{
    size_t floor = at > MAX_WORD_BEFORE ? at - MAX_WORD_BEFORE : 0; /* bounded work */
    size_t e = at, k;
    while (e > floor && (k = ws_space_before(d->text, floor, e)))
        e -= k;
    size_t s = e;
    while (s > floor && !ws_space_before(d->text, floor, s))
        s--;
    if (s == floor && floor > 0)
        return (ws_tok){at, at}; /* a "word" longer than any word */
    return (ws_tok){s, e};
}

/* Whether the word before byte `at` puts what follows in a place ("in", "near"). */
static bool after_locative(const ws_doc *d, size_t at)
{
    ws_tok w = word_before(d, at);
    uint32_t a = ws_list_attrs_of(d->eng->particles, d->text + w.s, w.e - w.s, NULL);
    return w.e > w.s && (a & d->eng->a_locative);
}

/* "Slovenia's Jernej Kos": a country's possessive before a name says where the person is from. */
static void possessive_nation(const ws_doc *d, size_t at, char *nations, size_t cap)
{
    ws_tok w = word_before(d, at);
    size_t own = ws_possessive_owner(d->text, w);
    if (!own)
        return;
    w.e = w.s + own;
    long entry;
    if (ws_match_list(d, d->eng->demonyms, &w, 1, 0, NULL, &entry) == 1) {
        const char *c = country_of(d->eng->demonyms, entry);
        set_add(nations, cap, c, strlen(c));
    }
}

/* "the Velemiri carpet seller Arsen Tovmasyan": a capitalized word no list knows, between an
 * article and the lower-case words that describe a person, says where the person is from, so a
 * later "the Velemiri" is this person. `at` is where the description starts. */
static void unlisted_nation(ws_doc *d, size_t at, char *nations, size_t cap)
{
    const ws_engine *e = d->eng;
    ws_tok w = word_before(d, at);
    if (w.e == w.s || !capitalized(d->text, w))
        return;
    for (size_t i = w.s; i < w.e;)
        if (!ws_is_letter(ws_utf8_next(d->text, w.e, &i)))
            return; /* one plain word: not "Smith," or "U.S." */
    ws_tok art = word_before(d, w.s);
    uint32_t da = 0;
    if (!ws_match_list(d, e->determiners, &art, 1, 0, &da, NULL) ||
        !(da & (e->a_definite | e->a_indefinite)) ||
        ws_match_list(d, e->titles, &w, 1, 0, NULL, NULL) ||
        ws_match_list(d, e->organizations, &w, 1, 0, NULL, NULL) ||
        ws_match_list(d, e->names, &w, 1, 0, NULL, NULL) ||
        ws_entity_for(d, &w, 1, WS_PERSON, WS_G_UNKNOWN, false) != WS_NONE)
        return; /* "the Brauweiler coach X": Brauweiler is a club named before */
    set_add(nations, cap, d->text + w.s, w.e - w.s);
}

/* Searches of one article's text for a word standing alone, at most (each reads the text). */
#define MAX_PLACE_CHECKS 32

/* Whether the capitalized word `s` (`n` bytes) stands alone somewhere in the article: not inside
 * a longer word, not before "'s" or a hyphen ("Aldavia has chosen stability"). */
static bool word_alone(ws_doc *d, const char *s, size_t n)
{
    const char *t = d->text;
    if (n == 0 || d->place_checks >= MAX_PLACE_CHECKS)
        return false;
    d->place_checks++;
    for (size_t at = 0; at + n <= d->len; at++) {
        if (t[at] != s[0] || memcmp(t + at, s, n))
            continue;
        size_t end = at + n;
        bool starts = at == 0 || !ws_is_alnum((unsigned char)t[at - 1]);
        bool alone = end == d->len || (!ws_is_alnum((unsigned char)t[end]) && t[end] != '\'' &&
                                       (unsigned char)t[end] != 0xE2 && t[end] != '-');
        if (starts && alone)
            return true;
    }
    return false;
}

/* Whether the possessive first word of an organization's name is a place that owns it, not a
 * word of the name: "Vestria's Foreign Ministry" when "Vestria" stands alone elsewhere in the
 * article or is a country of demonyms.txt ("Gallow's Quay Borough Council" keeps "Gallow's"). */
bool ws_owning_place(ws_doc *d, ws_tok w)
{
    const char *t = d->text;
    size_t n = ws_possessive_owner(t, w);
    if (!n)
        return false;
    ws_tok bare = {w.s, w.s + n};
    if (ws_match_list(d, d->eng->demonyms, &bare, 1, 0, NULL, NULL) == 1)
        return true;
    return word_alone(d, t + w.s, n);
}

/* Whether the capitalized word `w` names the people of a place the article names and no list
 * knows: "the Dostovan" in an article about Dostova, "the Kaldonian" (Kaldonia), "the Morlunder"
 * (Morlund). The place is the word less a suffix that makes demonyms. */
bool ws_demonym_of_named_place(ws_doc *d, ws_tok w)
{
    static const char *const suffixes[] = {"ians", "ans", "ian", "ese", "ish", "ers",
                                           "an",   "er",  "ns",  "n",   "i"};
    const char *t = d->text;
    size_t n = w.e - w.s, at = w.s;
    if (n < 5 || !ws_is_upper(ws_utf8_next(t, w.e, &at)))
        return false;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t k = strlen(suffixes[i]);
        if (n - k >= 4 && !memcmp(t + w.e - k, suffixes[i], k) && word_alone(d, t + w.s, n - k))
            return true;
    }
    return false;
}

/* Tokens after a name that role_from_phrase() reads, at most, and the bytes they may span. */
#define ROLE_PHRASE_TOKENS 24
#define ROLE_PHRASE_BYTES 240

/* The role a phrase after a person's name gives (role-phrases.txt): "Lwazi Mthembu, 58, is charged
 * with …" is the defendant. The phrase may follow an appositive of up to two parts and "who".
 * Adds the role to roles[]. */
static void role_from_phrase(const ws_doc *d, size_t at, char *roles, size_t cap)
{
    const ws_list *l = d->eng->role_phrases;
    ws_tok tk[ROLE_PHRASE_TOKENS];
    size_t end = d->len - at > ROLE_PHRASE_BYTES ? at + ROLE_PHRASE_BYTES : d->len;
    size_t n = ws_tokenize(d->text, at, end, tk, ROLE_PHRASE_TOKENS), j = 0;
    for (int part = 0; j < n; part++) {
        if (ws_word_is(d->text, tk[j], "who"))
            j++; /* "Colm Ashdown, 45, who denies …" */
        long entry;
        if (j < n && ws_match_list(d, l, tk, n, j, NULL, &entry)) {
            const char *role = l->entries[l->groups[l->entry_group[entry]].first];
            set_add(roles, cap, role, strlen(role));
            return;
        }
        if (part == 2 || d->text[j ? tk[j - 1].e : at] != ',')
            return;                              /* no appositive (left) to skip */
        while (j < n && d->text[tk[j].e] != ',') /* ", 58," or ", who ran the home for years," */
            j++;
        j++;
    }
}

/* Words of an organization's name a Title Case line may hold, at most. */
#define MAX_HEADLINE_ORG 4

/* Whether text [s, e) is a whole segment of a line that bars ('|') divide: "Match report |
 * Handball League North | Updated 21:47". */
static bool whole_segment(const ws_doc *d, size_t s, size_t e)
{
    const char *t = d->text;
    while (s > 0 && t[s - 1] == ' ')
        s--;
    while (e < d->len && t[e] == ' ')
        e++;
    bool left = s == 0 || t[s - 1] == '|' || t[s - 1] == '\n';
    bool right = e >= d->len || t[e] == '|' || t[e] == '\n' || t[e] == '\r';
    return left && right && ((s > 0 && t[s - 1] == '|') || (e < d->len && t[e] == '|'));
}

/* "she is survived by a daughter, Helena Faulk-Ibarra," and "His co-author, Emre Aydın,": the
 * noun of a description that a comma sets before a name is that person's role. `at` is where
 * the name starts. */
static void role_before_comma(const ws_doc *d, size_t at, char *roles, size_t cap)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    if (at < 4 || t[at - 1] != ' ' || t[at - 2] != ',')
        return;
    ws_tok noun = word_before(d, at - 2);
    if (noun.e == noun.s || capitalized(d->text, noun) ||
        !((ws_list_attrs_of(e->titles, t + noun.s, noun.e - noun.s, NULL) & e->a_role) ||
          ws_list_find(e->nonspeakers, t + noun.s, noun.e - noun.s) >= 0) ||
        ws_list_find(e->organizations, t + noun.s, noun.e - noun.s) >= 0)
        return; /* a word for a person: not "Mr. Ackman's firm, Pershing Square …," */
    ws_tok det = word_before(d, noun.s);
    for (int k = 0; k < 2 && det.e > det.s; k++) {
        bool found;
        ws_list_attrs_of(e->determiners, t + det.s, det.e - det.s, &found);
        if (found || ws_possessive_owner(t, det)) { /* "a daughter,", "The federation's chief
                                                     * economist," */
            set_add(roles, cap, t + noun.s, noun.e - noun.s);
            return;
        }
        det = word_before(d, det.s); /* "a younger daughter," */
    }
}

/* Words after an appositive's role that coordinated_roles() reads, at most. */
#define COORDINATED_TOKENS 12

/* A second role coordinated in the same appositive: "Dr. Itzel Montaño, a marine biologist at
 * the University of Ferrow and the study's lead author," is also the lead author. `at` is where
 * the first role ends. */
static void coordinated_roles(const ws_doc *d, size_t at, char *roles, size_t cap)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    ws_tok tk[COORDINATED_TOKENS];
    size_t end = at + 160 < d->len ? at + 160 : d->len; /* bounded: one appositive */
    size_t n = ws_tokenize(t, at, end, tk, COORDINATED_TOKENS);
    for (size_t i = 0; i < n; i++)
        if (t[tk[i].e - 1] == '.' && tk[i].e - tk[i].s > 1) {
            tk[i].e--; /* "… and the study's lead author." */
            n = i + 1; /* the sentence ends there */
        }
    for (size_t i = 0; i + 2 < n; i++) {
        if (i > 0 && strchr(",;:", t[tk[i - 1].e]))
            return; /* the appositive ended */
        if (!ws_word_is(t, tk[i], "and"))
            continue;
        uint32_t da = 0;
        size_t j = i + 1;
        if (!ws_match_list(d, e->determiners, tk, n, j, &da, NULL))
            return;
        j++;
        if (j < n && ws_possessive_owner(t, tk[j]))
            j++;                                      /* "the study's" */
        for (size_t k = j; k < n && k < j + 2; k++) { /* "lead author", "senior lead author" */
            uint32_t ta = 0;
            long entry;
            if (ws_match_list(d, e->titles, tk, n, k, &ta, &entry) && (ta & e->a_role)) {
                const char *r = e->titles->folded[entry], *sp = strrchr(r, ' ');
                set_add(roles, cap, r, strlen(r));
                if (sp)
                    set_add(roles, cap, sp + 1, strlen(sp + 1));
                return;
            }
        }
        return;
    }
}

/* "Marek Novotný, who farms 300 hectares," is a farmer: the agent noun of the present-tense verb
 * of a relative clause right after a name ("who teaches" a teacher, "who manages" a manager),
 * learned as a role so that a later "the farmer" finds him. */
static void agent_of_relative(const ws_doc *d, size_t at, char *roles, size_t cap)
{
    const char *t = d->text;
    if (at + 6 >= d->len || t[at] != ',' || t[at + 1] != ' ' || memcmp(t + at + 2, "who ", 4))
        return;
    size_t s = at + 6, e = s;
    if (s + 4 < d->len && (!memcmp(t + s, "has ", 4) || !memcmp(t + s, "had ", 4)))
        s += 4; /* "who has run a bakery" */
    static const char *const owning[] = {"runs a", "ran a",    "run a",    "owns a",  "owned a",
                                         "own a",  "runs the", "owns the", "run the", "owned the"};
    for (size_t i = 0; i < sizeof owning / sizeof *owning; i++) {
        size_t k = strlen(owning[i]);
        if (s + k < d->len && !memcmp(t + s, owning[i], k) &&
            (t[s + k] == ' ' || t[s + k] == 'n')) {
            set_add(roles, cap, "owner", 5); /* "who has run a bakery": the bakery owner */
            return;
        }
    }
    e = s;
    while (e < d->len && e - s < 24 && t[e] >= 'a' && t[e] <= 'z')
        e++;
    size_t n = e - s;
    if (n < 5 || n >= 24 || t[e - 1] != 's' || (e < d->len && ws_is_alnum((unsigned char)t[e])))
        return;
    char role[32];
    size_t stem = n - 1; /* "farms" */
    if (n > 5 && t[e - 2] == 'e' &&
        (t[e - 3] == 's' || t[e - 3] == 'x' || (t[e - 3] == 'h' && strchr("cs", t[e - 4]))))
        stem = n - 2; /* "teaches", "fixes" */
    bool ends_e = t[s + stem - 1] == 'e';
    snprintf(role, sizeof role, "%.*s%s", (int)stem, t + s, ends_e ? "r" : "er");
    set_add(roles, cap, role, strlen(role));
}

/* Where an organization's name really starts when one capitalized word and "and" stand before
 * it and its last word is a head: "the Competition and Markets Authority", "the Food and Drug
 * Administration". Not after a given name ("Hillary and Chelsea Clinton Foundation") nor a run
 * of capitals ("The Washington Post and ABC News"). Returns `at` when there is no such word. */
static size_t name_before_and(const ws_doc *d, size_t at, ws_tok last)
{
    const ws_engine *e = d->eng;
    ws_tok and = word_before(d, at);
    if (!ws_word_is(d->text, and, "and") ||
        !(ws_list_attrs_of(e->organizations, d->text + last.s, last.e - last.s, NULL) & e->a_head))
        return at;
    ws_tok w = word_before(d, and.s);
    if (w.e == w.s || !capitalized(d->text, w) || d->text[w.e - 1] == ',' ||
        ws_list_find(e->names, d->text + w.s, w.e - w.s) >= 0 ||
        ws_list_find(e->stopwords, d->text + w.s, w.e - w.s) >= 0)
        return at;
    ws_tok before = word_before(d, w.s);
    if (before.e > before.s && capitalized(d->text, before) &&
        ws_list_find(e->stopwords, d->text + before.s, before.e - before.s) < 0)
        return at; /* "The Washington Post and ABC News": two names */
    return w.s;
}

/* Records one match of a names frame. */
static int add_name(ws_doc *d, const ws_frame *f, size_t base, bool headline)
{
    const ws_engine *e = d->eng;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->md);
    ws_tok tk[WS_MAX_TOKS];
    bool org = f->g_org > 0 && ov[2 * f->g_org] != PCRE2_UNSET;
    size_t ms = base + ov[org ? 2 * f->g_org : 0];
    size_t name_end = base + ov[2 * (org ? f->g_org : f->g_name) + 1];
    size_t n = ws_tokenize(d->text, ms, name_end, tk, WS_MAX_TOKS);
    size_t from = n ? name_before_and(d, ms, tk[n - 1]) : ms;
    if (from < ms) /* "the Competition and Markets Authority": one name from "Competition" */
        n = ws_tokenize(d->text, ms = from, name_end, tk, WS_MAX_TOKS);
    char roles[256] = "", nations[128] = "";
    ws_gender g = WS_G_UNKNOWN;
    size_t first = ws_strip_titles(d, tk, n, roles, sizeof roles, nations, sizeof nations, &g);
    size_t end = ws_name_end(d, tk, first, n);
    first = ws_org_start(d, tk, first, end);
    if (first > 0 && !capitalized(d->text, tk[first - 1]) &&
        !ws_match_list(d, e->titles, tk, first, first - 1, NULL, NULL) &&
        !ws_match_list(d, e->determiners, tk, first, first - 1, NULL, NULL) &&
        !ws_match_list(d, e->organizations, tk, first, first - 1, NULL, NULL) &&
        !verb_form(d->text, tk[first - 1])) /* "which has owned Orrin Textiles": no role */
        set_add(roles, sizeof roles, d->text + tk[first - 1].s, /* "plant geneticist X" */
                tk[first - 1].e - tk[first - 1].s);
    size_t nn = end - first;
    const ws_tok *name = tk + first;
    if (nn == 0 || not_a_name(d, name, nn) || shouted(d, name, nn))
        return 0; /* no datelines */
    for (size_t i = 1; i + 1 < nn || (i < nn && nn >= 3); i++) {
        uint32_t sa = 0; /* "Daily Show Takes A Closer Look At", "Criminal Gangs Taught Me" */
        if (capitalized(d->text, name[i]) &&
            ws_match_list(d, e->stopwords, name, nn, i, &sa, NULL) == 1 && (sa & e->a_function))
            return 0; /* a capital "A", "At", "To" inside; not "of" in "University of …" */
    }
    uint32_t last_title = 0;
    if (nn == 2 && ws_match_list(d, e->titles, name, nn, 1, &last_title, NULL) == 1 &&
        (last_title & e->a_role) && !ws_match_list(d, e->names, name, nn, 0, NULL, NULL))
        return 0; /* "a Unity MP", "State Rep": a party or place and a role, no name */
    uint32_t la = 0;
    bool whole_org = ws_match_list(d, e->organizations, name, nn, 0, &la, NULL) == nn;
    uint32_t tail = 0;
    ws_match_list(d, e->organizations, name, nn, nn - 1, &tail, NULL);
    if (tail & e->a_place)
        return 0;
    bool inner_head = false; /* "Handball League North", "Bank of England", "Diocese of Kelda" */
    for (size_t i = 0; i + 1 < nn && !inner_head; i++) {
        uint32_t a = 0;
        inner_head = ws_match_list(d, e->organizations, name, nn, i, &a, NULL) && (a & e->a_head);
    }
    for (size_t i = 1; i + 1 < nn && !inner_head; i++)
        inner_head = ws_firm_ampersand(d, name, nn, i); /* "Pell & Rudd" */
    if (nn > 1 && (ws_word_is(d->text, name[0], "St") || ws_word_is(d->text, name[0], "St.")))
        inner_head = true; /* "St Anselm's", "St. Brannock's": a church, a hospital, a school */
    ws_entity_kind kind =
        (org || (whole_org && !(la & e->a_place)) || (tail & e->a_head) || inner_head) ? WS_ORG
                                                                                        : WS_PERSON;
    if (kind == WS_ORG && nn >= 3 && (tail & e->a_head) && ws_owning_place(d, name[0]))
        name++, nn--, ms = name[0].s;    /* "Aldavia's Central Electoral Commission" */
    bool real_title = g != WS_G_UNKNOWN; /* "President Obama" is surely a name */
    for (size_t i = 0; i < first && !real_title; i++)
        real_title = ws_match_list(d, e->titles, tk, first, i, NULL, NULL) > 0;
    if (headline && !real_title &&
        !(kind == WS_ORG && nn <= MAX_HEADLINE_ORG && whole_segment(d, name[0].s, name[nn - 1].e)))
        return 0; /* in Title Case lines only a titled name, or an organization's name that a
                   * scraped page's bar sets apart ("Match report | Handball League North"), is
                   * surely a name */
    bool titled = first > 0 || g != WS_G_UNKNOWN;
    if (kind == WS_PERSON && !titled && after_locative(d, ms) &&
        !(nn > 1 && ws_match_list(d, e->names, name, nn, 0, NULL, NULL)))
        return 0; /* "in Caldera Sur" names a place; "through Lukas Vermeer's header" a man */
    bool create =
        (kind == WS_ORG || nn > 1 || titled) &&
        !(nn == 1 && kind == WS_PERSON && !org && !real_title && ws_modifies_people(d, name[0].e));
    size_t ent = ws_entity_for(d, name, nn, kind, g, create);
    if (ent == WS_NONE)
        return 0;
    if (org || org_prefix(d, tk, first))
        d->ents[ent].kind = WS_ORG; /* "an analyst at Corbel Securities", "ferry operator X" */
    if (f->g_alias > 0 && ov[2 * f->g_alias] != PCRE2_UNSET && !d->ents[ent].alias)
        d->ents[ent].alias = ws_strndup(d->text + base + ov[2 * f->g_alias],
                                        ov[2 * f->g_alias + 1] - ov[2 * f->g_alias]);
    int age = 0;
    if (f->g_age > 0 && ov[2 * f->g_age] != PCRE2_UNSET && !org)
        age = atoi(d->text + base + ov[2 * f->g_age]);
    for (size_t i = 0; i < first && !age && !org; i++) /* "19-year-old substitute X" */
        if (tk[i].e - tk[i].s >= 10 && tk[i].e - tk[i].s <= 12 && ws_is_digit(d->text[tk[i].s]) &&
            !memcmp(d->text + tk[i].e - 9, "-year-old", 9))
            age = atoi(d->text + tk[i].s);
    if (kind == WS_PERSON && first > 0 && !capitalized(d->text, tk[0]))
        unlisted_nation(d, ms, nations, sizeof nations);
    if (kind == WS_PERSON)
        possessive_nation(d, ms, nations, sizeof nations);
    if (f->g_role > 0 && ov[2 * f->g_role] != PCRE2_UNSET && !org) {
        size_t rs = base + ov[2 * f->g_role], re = base + ov[2 * f->g_role + 1];
        long entry = ws_list_find(e->role_participles, d->text + rs, re - rs);
        if (entry >= 0) { /* "prosecuting": the prosecutor; "defending": the defence lawyer */
            const ws_list *l = e->role_participles;
            const char *role = l->entries[l->groups[l->entry_group[entry]].first];
            const char *sp = strrchr(role, ' ');
            set_add(roles, sizeof roles, role, strlen(role));
            if (sp)
                set_add(roles, sizeof roles, sp + 1, strlen(sp + 1));
        } else {
            set_add(roles, sizeof roles, d->text + rs, re - rs);
        }
        coordinated_roles(d, re, roles, sizeof roles);
        /* "Madeleine Kunin, the former Vermont Democratic governor": of Vermont */
        ws_tok at[8];
        size_t na = ws_tokenize(d->text, base + ov[2 * f->g_name + 1], rs, at, 8);
        for (size_t i = 0; i < na; i++)
            if (ws_match_list(d, e->demonyms, at, na, i, NULL, &entry)) {
                const char *c = country_of(e->demonyms, entry);
                set_add(nations, sizeof nations, c, strlen(c));
            }
    }
    uint32_t ta = 0; /* "chief economist, Dr. Yusuf Demirel,": an honorific says no role */
    if (kind == WS_PERSON && !org &&
        (first == 0 || (first == 1 && ws_match_list(d, e->titles, tk, 1, 0, &ta, NULL) == 1 &&
                        (ta & e->a_honorific))))
        role_before_comma(d, ms, roles, sizeof roles);
    if (kind == WS_PERSON && !org) {
        role_from_phrase(d, name[nn - 1].e, roles, sizeof roles);
        agent_of_relative(d, name[nn - 1].e, roles, sizeof roles);
    }
    int rc = ws_entity_note(&d->ents[ent], roles, nations, g, age);
    if (rc)
        return rc;
    if (ws_grow(&d->mentions, &d->cap_mentions, d->nmentions + 1, sizeof *d->mentions))
        return WS_ERR_NOMEM;
    size_t me = base + ov[org ? 2 * f->g_org + 1 : 1];
    d->mentions[d->nmentions++] = (ws_mention){{ms, me}, ent, inside_quote(d, ms)};
    return 0;
}

/* The names frames in turn, leftmost match first. Each frame's next match is remembered and
 * searched again only once the scan has passed it, so each frame reads a paragraph about once. */
#define MAX_NAME_FRAMES 16

static int scan_paragraph(ws_doc *d, const ws_paragraph *p)
{
    const ws_engine *e = d->eng;
    const char *s = d->text + p->r.start;
    size_t len = p->r.end - p->r.start, at = 0;
    size_t idx[MAX_NAME_FRAMES], next[MAX_NAME_FRAMES], nf = 0;
    bool known[MAX_NAME_FRAMES];
    for (size_t i = 0; i < e->nframes && nf < MAX_NAME_FRAMES; i++)
        if (e->frames[i].where == WS_WHERE_NAMES)
            idx[nf] = i, known[nf++] = false;
    while (at < len) {
        size_t best = WS_NONE;
        for (size_t k = 0; k < nf; k++) {
            const ws_frame *f = &e->frames[idx[k]];
            if (!known[k] || (next[k] != WS_NONE && next[k] < at)) {
                int rc = ws_frame_match(f, s, len, at, 0, d->md, d->mc);
                if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
                    return ws_match_error(d, f, rc);
                next[k] = rc < 0 ? WS_NONE : pcre2_get_ovector_pointer(d->md)[0];
                known[k] = true;
            }
            if (next[k] != WS_NONE && (best == WS_NONE || next[k] < next[best]))
                best = k;
        }
        if (best == WS_NONE)
            break;
        const ws_frame *f = &e->frames[idx[best]];
        size_t start = next[best];
        /* again, anchored, to fill the match data the search of another frame overwrote; it
         * cannot fail to match what matched, but a limit can still stop it */
        int rc = ws_frame_match(f, s, len, start, PCRE2_ANCHORED, d->md, d->mc);
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
            return ws_match_error(d, f, rc);
        size_t end = start;
        if (rc >= 0) {
            rc = add_name(d, f, p->r.start, p->title_case);
            if (rc)
                return rc;
            /* go on after the name itself, not its appositive: "Priya Santhanam, an analyst at
             * Corbel Securities" holds a second name */
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->md);
            int g = f->g_org > 0 && ov[2 * f->g_org] != PCRE2_UNSET ? f->g_org : f->g_name;
            end = g > 0 && ov[2 * g + 1] != PCRE2_UNSET ? ov[2 * g + 1] : ov[1];
        }
        at = end > start ? end : start + 1; /* an empty match still advances */
        while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
        known[best] = false; /* its match is used up */
    }
    return 0;
}

/* The gender a pronoun shortly after a subject gives it: "Nishimura won her first title" makes
 * Nishimura a woman when no given name or title said so. Returns the gender of the first
 * third-person pronoun in the rest of the sentence and the next one, outside quotations, unless
 * another name comes first ("Ruben Aldana, who has coached Nishimura since she was 12"). */
static ws_gender gender_after(const ws_doc *d, const ws_mention *m)
{
    const ws_engine *e = d->eng;
    size_t si = ws_sentence_at(d, m->r.start);
    size_t end = si + 1 < d->nsents ? d->sents[si + 1].r.end : d->sents[si].r.end;
    size_t other = WS_NONE; /* where the next name of someone else starts, before `end` */
    for (const ws_mention *o = m + 1;
         o < d->mentions + d->nmentions && o->r.start < end && other == WS_NONE; o++)
        if (o->r.start >= m->r.end && o->entity != m->entity && !o->in_quote)
            other = o->r.start;
    ws_tok tk[48];
    size_t n = ws_tokenize(d->text, m->r.end, end, tk, 48);
    for (size_t i = 0; i < n; i++) {
        if (other != WS_NONE && tk[i].s >= other)
            break;
        if (inside_quote(d, tk[i].s))
            continue;
        size_t len = tk[i].e - tk[i].s;
        while (len && !ws_is_alnum((unsigned char)d->text[tk[i].s + len - 1]))
            len--; /* "her." */
        uint32_t a = ws_list_attrs_of(e->pronouns, d->text + tk[i].s, len, NULL);
        if (a & e->a_pmale)
            return WS_G_MALE;
        if (a & e->a_pfemale)
            return WS_G_FEMALE;
    }
    return WS_G_UNKNOWN;
}

/* Genders for the people nothing else gave one: votes of the pronouns after the sentences they
 * open. */
static int infer_genders(ws_doc *d)
{
    int *votes = calloc(d->nents ? d->nents : 1, sizeof *votes);
    if (!votes)
        return WS_ERR_NOMEM;
    for (size_t i = 0; i < d->nmentions; i++) {
        const ws_mention *m = &d->mentions[i];
        if (m->entity == WS_NONE || m->in_quote || d->ents[m->entity].kind != WS_PERSON ||
            d->ents[m->entity].gender != WS_G_UNKNOWN ||
            (m->r.end < d->len && d->text[m->r.end] == ':') || /* "Okoro: He went …" is her
                                                                * answer, not about her */
            d->sents[ws_sentence_at(d, m->r.start)].r.start != m->r.start)
            continue;
        ws_gender g = gender_after(d, m);
        votes[m->entity] += g == WS_G_MALE ? 1 : g == WS_G_FEMALE ? -1 : 0;
    }
    for (size_t k = 0; k < d->nents; k++)
        if (d->ents[k].gender == WS_G_UNKNOWN && votes[k])
            d->ents[k].gender = votes[k] > 0 ? WS_G_MALE : WS_G_FEMALE;
    free(votes);
    return 0;
}

int ws_find_mentions(ws_doc *d)
{
    for (size_t pi = 0; pi < d->nparas; pi++) {
        int rc = scan_paragraph(d, &d->paras[pi]);
        if (rc)
            return rc;
    }
    return d->nsents ? infer_genders(d) : 0;
}
