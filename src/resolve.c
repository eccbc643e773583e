/* Resolution: links each quotation's speaker mention to an entity of the article (pronouns by
 * recency, gender and number; descriptions by role, nation and age; names by surname), then
 * carries speakers over to the quotations that continue them. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A pronoun or a definite description looks this many paragraphs back for its referent. */
#define PRONOUN_REACH 3
/* Reported speech and quotations continue a speaker into the next paragraph at most. */
#define CONTINUATION_REACH 1
/* How many mentions back (or ahead) a search looks at most: a referent is near, and a bound
 * keeps a huge one-paragraph document linear. */
#define MAX_LOOK 400
/* Direct quotations shorter than this with no cue are scare quotes or titles. */
#define MIN_UNATTRIBUTED_WORDS 4

typedef struct why {
    char buf[600];
    size_t n;
} why;

static void note(why *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void note(why *w, const char *fmt, ...)
{
    if (w->n >= sizeof w->buf - 1)
        return;
    if (w->n)
        w->n += (size_t)snprintf(w->buf + w->n, sizeof w->buf - w->n, "; ");
    if (w->n >= sizeof w->buf - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(w->buf + w->n, sizeof w->buf - w->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        w->n += (size_t)k;
    if (w->n > sizeof w->buf - 1)
        w->n = sizeof w->buf - 1;
}

typedef bool (*accept_fn)(const ws_doc *d, const ws_entity *en, const void *arg);

/* The index of the first mention that starts at or after byte pos (mentions are in order). */
static size_t first_mention_from(const ws_doc *d, size_t pos)
{
    size_t lo = 0, hi = d->nmentions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->mentions[mid].r.start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The entity most recently mentioned before `pos` (by a name outside quotations, or as the
 * speaker of an earlier quotation) that `ok` accepts, no further back than `reach` paragraphs. */
static size_t most_recent_at(const ws_doc *d, size_t pos, size_t cur, size_t reach, accept_fn ok,
                             const void *arg, size_t *where);

static size_t most_recent(const ws_doc *d, size_t pos, size_t cur, size_t reach, accept_fn ok,
                          const void *arg)
{
    size_t where;
    return most_recent_at(d, pos, cur, reach, ok, arg, &where);
}

/* As most_recent, and *where is the position of the mention found. */
static size_t most_recent_at(const ws_doc *d, size_t pos, size_t cur, size_t reach, accept_fn ok,
                             const void *arg, size_t *where)
{
    size_t lo = first_mention_from(d, pos);
    size_t mi = lo, ci = cur;
    size_t para = ws_paragraph_at(d, pos);
    size_t floor_para = para > reach ? para - reach : 0;
    for (size_t steps = 0; steps < MAX_LOOK; steps++) {
        while (mi > 0 && d->mentions[mi - 1].in_quote)
            mi--;
        while (ci > 0 && (d->cands[ci - 1].entity == WS_NONE || !d->cands[ci - 1].has_mention ||
                          d->cands[ci - 1].dropped || d->cands[ci - 1].mention.start >= pos))
            ci--;
        size_t mpos = mi > 0 ? d->mentions[mi - 1].r.start : 0;
        size_t cpos = ci > 0 ? d->cands[ci - 1].mention.start : 0;
        if (mi == 0 && ci == 0)
            return WS_NONE;
        size_t ent, at;
        if (ci == 0 || (mi > 0 && mpos >= cpos)) {
            ent = d->mentions[--mi].entity, at = mpos;
        } else {
            ent = d->cands[--ci].entity, at = cpos;
        }
        if (ws_paragraph_at(d, at) < floor_para)
            return WS_NONE;
        if (ent != WS_NONE && ok(d, &d->ents[ent], arg)) {
            *where = at;
            return ent;
        }
    }
    return WS_NONE;
}

/* Whether a mention opens its sentence, after a dateline or the capitalized words of a title if
 * any: "DUNMERE, June 18 — Brennock Dairies is recalling …", "Race director Sandro Bellini …". */
#define MAX_DATELINE 48

static bool is_capitalized(const char *s);

static bool opens_sentence(const ws_doc *d, size_t at)
{
    size_t start = d->sents[ws_sentence_at(d, at)].r.start;
    if (at == start)
        return true;
    if (at - start > MAX_DATELINE)
        return false;
    size_t e = at;
    while (e > start && d->text[e - 1] == ' ')
        e--;
    if ((e > start && d->text[e - 1] == '-') ||
        (e >= start + 3 && (!memcmp(d->text + e - 3, "\xE2\x80\x94", 3) || /* — */
                            !memcmp(d->text + e - 3, "\xE2\x80\x93", 3)))) /* – */
        return true;
    if (e > start && d->text[e - 1] == ',') { /* "Later in the day, Solberg-Adeyemi returned" */
        ws_tok ot[7];
        size_t on = ws_tokenize(d->text, start, e, ot, 7);
        bool opener = on > 0 && on < 7;
        for (size_t i = 1; i < on && opener; i++)
            opener = !is_capitalized(d->text + ot[i].s) ||
                     ws_match_list(d, d->eng->stopwords, ot, on, i, NULL, NULL);
        return opener; /* an opening phrase with no name in it: "On Monday,", "After the vote," */
    }
    /* "Race director Sandro Bellini defended …": capitalized words of a title before it */
    ws_tok tk[4];
    size_t n = ws_tokenize(d->text, start, at, tk, 4);
    if (n == 0 || n > 3 || tk[n - 1].e != e)
        return false;
    uint32_t sa = 0;
    if (n == 1 && ws_match_list(d, d->eng->stopwords, tk, n, 0, &sa, NULL) == 1 &&
        (sa & d->eng->a_auxiliary))
        return true; /* "Was Szlachta satisfied with Rubio's response?" */
    for (size_t i = 0; i < n; i++)
        if (!is_capitalized(d->text + tk[i].s) ||
            !ws_is_alnum((unsigned char)d->text[tk[i].e - 1]) ||
            ws_match_list(d, d->eng->stopwords, tk, n, i, NULL, NULL))
            return false; /* not "When Mr. Trump …", "Yet Trump …" */
    return true;
}

/* Whether a mention owns a role whose holder the appositive names: "Kallenberg's campaign
 * manager, Piet Van Rooyen, has just stopped by" is about the manager, not Kallenberg. */
static bool names_owned_role(const ws_doc *d, const ws_mention *m)
{
    size_t i = m->r.end, end = d->len < m->r.end + 64 ? d->len : m->r.end + 64;
    if (i + 2 <= end && !memcmp(d->text + i, "'s", 2))
        i += 2;
    else if (i + 4 <= end && !memcmp(d->text + i, "\xE2\x80\x99s", 4))
        i += 4;
    else
        return false;
    while (i < end &&
           (ws_is_lower((unsigned char)d->text[i]) || d->text[i] == ' ' || d->text[i] == '-'))
        i++; /* "campaign manager" */
    return i + 2 < end && d->text[i] == ',' && d->text[i + 1] == ' ' &&
           ws_is_upper((unsigned char)d->text[i + 2]);
}

/* The subject of the sentence holding byte `at`, when a name opens it and `ok` accepts it:
 * "Okonkwo-Lind met Falkenrath on Monday. She said …" is about Okonkwo-Lind. */
static size_t subject_of(const ws_doc *d, size_t at, accept_fn ok, const void *arg)
{
    size_t si = ws_sentence_at(d, at);
    if (si >= d->nsents)
        return WS_NONE;
    size_t start = d->sents[si].r.start;
    size_t lo = first_mention_from(d, start); /* the first mention of the sentence */
    for (size_t i = lo; i < d->nmentions && d->mentions[i].r.start <= at; i++) {
        const ws_mention *m = &d->mentions[i];
        if (m->r.start < start || m->in_quote || m->entity == WS_NONE)
            continue;
        bool opens = opens_sentence(d, m->r.start) && !names_owned_role(d, m);
        if (opens && ok(d, &d->ents[m->entity], arg))
            return m->entity;
        if (opens && d->ents[m->entity].kind == WS_ORG && i + 1 < d->nmentions) {
            /* "Port Calder coach Eero Lahtinen was furious": the club names the coach */
            const ws_mention *p = m + 1;
            size_t k = m->r.end;
            for (size_t sp; k < p->r.start && (sp = ws_space_at(d->text, k, p->r.start));)
                k += sp;
            if (k == p->r.start && !p->in_quote && p->entity != WS_NONE &&
                ok(d, &d->ents[p->entity], arg))
                return p->entity;
        }
        break; /* only the first name of the sentence can be its subject */
    }
    return WS_NONE;
}

static bool gender_ok(const ws_doc *d, const ws_entity *en, const void *arg)
{
    (void)d;
    ws_gender g = *(const ws_gender *)arg;
    return en->kind == WS_PERSON && (en->gender == WS_G_UNKNOWN || g == WS_G_UNKNOWN ||
                                     en->gender == g);
}

static bool is_org(const ws_doc *d, const ws_entity *en, const void *arg)
{
    (void)d, (void)arg;
    return en->kind == WS_ORG;
}

/* An organization whose name ends in the head word of "the ministry", "police". */
/* The line of organizations.txt a word is on, or -1: words on one line name one kind. */
static long org_kind_of(const ws_doc *d, const char *w, size_t n)
{
    long entry = ws_list_find(d->eng->organizations, w, n);
    return entry < 0 ? -1 : (long)d->eng->organizations->entry_group[entry];
}

/* An organization whose name holds the head of "the ministry", "police", or a word of the same
 * kind ("the police": the Marlowe Constabulary; "the company": Varden Opera). */
static bool org_with_head(const ws_doc *d, const ws_entity *en, const void *arg)
{
    if (en->kind != WS_ORG)
        return false;
    const char *head = arg;
    long kind = org_kind_of(d, head, strlen(head));
    const char *p = en->name;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        char a[128], b[128];
        size_t an = ws_fold(p, n, a, sizeof a), bn = ws_fold(head, strlen(head), b, sizeof b);
        if ((an == bn && !memcmp(a, b, an)) || (kind >= 0 && org_kind_of(d, p, n) == kind))
            return true;
        p += n + (sp ? 1 : 0);
    }
    return false;
}

/* An organization whose name holds the very word of "the ministry" (not only one of its kind). */
static bool org_with_word(const ws_doc *d, const ws_entity *en, const void *arg)
{
    (void)d;
    if (en->kind != WS_ORG || en->nwords < 2)
        return false; /* "University" alone, cut from "the University and College …", is no
                       * name "the university" means before "Halloran University" */
    const char *head = arg;
    size_t hn = strlen(head);
    for (const char *p = en->name; *p;) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (n == hn && !strncasecmp(p, head, n) && !(sp && !strncmp(sp, " and ", 5)))
            return true; /* not the "University" of "University and College Teachers' …" */
        p += n + (sp ? 1 : 0);
    }
    return false;
}

/* A name nothing marks as a person (no given name, title, gender, role or age): "Brennock
 * Dairies" may be the company a later "the company" refers to. */
static bool could_be_org(const ws_doc *d, const ws_entity *en, const void *arg)
{
    (void)arg;
    if (en->kind == WS_ORG) { /* "the company" is not the Culture Ministry */
        const char *sp = strrchr(en->name, ' ');
        const char *last = sp ? sp + 1 : en->name;
        return !(ws_list_attrs_of(d->eng->organizations, last, strlen(last), NULL) &
                 d->eng->a_public);
    }
    if (en->gender != WS_G_UNKNOWN || en->roles || en->age || en->nwords < 2)
        return false;
    const char *sp = strchr(en->name, ' ');
    return ws_list_find(d->eng->names, en->name, (size_t)(sp - en->name)) < 0;
}

typedef struct want {
    const char *role, *nation;
    int age;
    const char *modifier; /* the word before the role: "education" in "the education secretary" */
} want;

/* Whether an entity's roles hold the role with another word before it: "general secretary" is
 * not who "the education secretary" means. */
static bool other_compound(const char *roles, const char *role, const char *modifier)
{
    size_t rn = strlen(role), mn = strlen(modifier);
    for (const char *p = roles; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n > rn + 1 && p[n - rn - 1] == ' ' && !memcmp(p + n - rn, role, rn) &&
            !(n - rn - 1 == mn && !memcmp(p, modifier, mn)))
            return true;
        p += n + (bar ? 1 : 0);
    }
    return false;
}

/* Nouns that give an age range: "the teenager" is the person aged 19, "the pupil" the one
 * aged 15. */
static const struct {
    const char *noun;
    int from, to;
} age_nouns[] = {{"teenager", 13, 19},     {"teen", 13, 19},         {"pupil", 4, 18},
                 {"schoolgirl", 4, 18},    {"schoolboy", 4, 18},     {"octogenarian", 80, 89},
                 {"nonagenarian", 90, 99}, {"centenarian", 100, 120}};

/* Whether a set of roles holds another name of `role` (role-synonyms.txt): "the judge" is
 * "Mr Justice Penhaligon". */
static bool has_synonym(const ws_doc *d, const char *roles, const char *role)
{
    const ws_list *l = d->eng->role_synonyms;
    long i = ws_list_find(l, role, strlen(role));
    if (i < 0)
        return false;
    const ws_list_group *g = &l->groups[l->entry_group[i]];
    for (uint32_t k = g->first; k < g->first + g->count; k++)
        if ((long)k != i && ws_has_word(roles, l->folded[k]))
            return true;
    return false;
}

static bool fits(const ws_doc *d, const ws_entity *en, const void *arg)
{
    const want *w = arg;
    if (w->age)
        return en->kind == WS_PERSON && en->age == w->age;
    for (size_t i = 0; w->role && i < sizeof age_nouns / sizeof *age_nouns; i++)
        if (en->kind == WS_PERSON && en->age && !strcmp(w->role, age_nouns[i].noun))
            return en->age >= age_nouns[i].from && en->age <= age_nouns[i].to;
    if (!w->role)
        return en->kind == WS_PERSON && en->nations && ws_has_word(en->nations, w->nation);
    return en->roles && (ws_has_word(en->roles, w->role) || has_synonym(d, en->roles, w->role)) &&
           (!w->modifier || !other_compound(en->roles, w->role, w->modifier)) &&
           (!w->nation || (en->nations && ws_has_word(en->nations, w->nation)));
}

/* Words of a sentence-opening clause before its subject, at most: "Asked whether the company
 * could survive, the artistic director paused". */
#define MAX_OPENER_WORDS 20

/* "The chief executive rejected that estimate. “…,” she said.": when the sentence before the
 * pronoun's, more recent than the name found, opens with a definite description by role (or
 * has one right after an opening clause's comma), the person of that role (and of the
 * pronoun's gender) is meant. */
static size_t described_subject(ws_doc *d, size_t pos, size_t cur, size_t found_at,
                                const ws_gender *g)
{
    const ws_engine *e = d->eng;
    size_t si = ws_sentence_at(d, pos);
    size_t qsi = ws_sentence_at(d, d->cands[cur].content.start); /* “Yes. Smaller,” she said. */
    if (qsi < si)
        si = qsi;
    if (si == 0 || si >= d->nsents)
        return WS_NONE;
    const ws_sentence *prev = &d->sents[si - 1];
    if (prev->r.start <= found_at && found_at != 0)
        return WS_NONE; /* the name found is as recent */
    ws_tok all[MAX_OPENER_WORDS + 5];
    size_t nall = ws_tokenize(d->text, prev->r.start, prev->r.end, all, MAX_OPENER_WORDS + 5);
    size_t b = 0;
    if (!ws_match_list(d, e->determiners, all, nall, 0, NULL, NULL))
        for (size_t j = 0; j < nall && j < MAX_OPENER_WORDS; j++)
            if (d->text[all[j].e] == ',') { /* tokens end before their comma */
                b = j + 1;
                break;
            }
    const ws_tok *tk = all + b;
    size_t n = nall - b < 6 ? nall - b : 6;
    uint32_t da = 0;
    if (n < 2 || !ws_match_list(d, e->determiners, tk, n, 0, &da, NULL) || !(da & e->a_definite))
        return WS_NONE;
    for (size_t j = 1; j < n && j < 4; j++) {
        long entry;
        size_t k = ws_match_list(d, e->titles, tk, n, j, NULL, &entry);
        if (!k)
            continue;
        want q = {e->titles->folded[entry], NULL, 0, NULL};
        size_t ent = most_recent(d, pos, cur, (size_t)-1, fits, &q);
        return ent != WS_NONE && gender_ok(d, &d->ents[ent], g) ? ent : WS_NONE;
    }
    return WS_NONE;
}

/* Whether sentence `si` opens with a personal pronoun and names nobody after `found_at`: it goes
 * on about whoever the sentence before was about. */
static bool pronoun_sentence(const ws_doc *d, size_t si, size_t found_at)
{
    const ws_range r = d->sents[si].r;
    if (r.start <= found_at)
        return false;
    ws_tok tk[1];
    uint32_t a = 0;
    if (!ws_tokenize(d->text, r.start, r.end - r.start > 64 ? r.start + 64 : r.end, tk, 1) ||
        !ws_match_list(d, d->eng->pronouns, tk, 1, 0, &a, NULL) ||
        !(a & (d->eng->a_pmale | d->eng->a_pfemale)))
        return false;
    size_t lo = first_mention_from(d, r.start);
    return lo >= d->nmentions || d->mentions[lo].r.start >= r.end;
}

/* Whether the sentence just before the one at `pos`, later than the name found at `found_at`,
 * quotes somebody the article leaves unnamed with an indefinite description: "One grandmother
 * at the school gate said …. “…,” she asked." is that grandmother, not the last name. */
static bool unnamed_before(const ws_doc *d, size_t pos, size_t cur, size_t found_at)
{
    size_t si = ws_sentence_at(d, pos);
    size_t qsi = ws_sentence_at(d, d->cands[cur].content.start);
    if (qsi < si)
        si = qsi;
    if (si == 0)
        return false;
    if (si >= 2 && pronoun_sentence(d, si - 1, found_at))
        si--; /* "A fisherman … said …. He asked not to be named …. “…,” he said." */
    const ws_range prev = d->sents[si - 1].r;
    if (prev.start <= found_at)
        return false;
    for (size_t ci = cur, steps = 0; ci-- > 0 && steps < MAX_LOOK; steps++) {
        const ws_cand *c = &d->cands[ci];
        if (!c->has_mention || c->dropped || c->mention.start >= pos)
            continue;
        if (c->mention.start < prev.start)
            break;
        if (c->entity != WS_NONE || c->mention.start >= prev.end)
            continue;
        ws_tok tk[8];
        uint32_t da = 0;
        size_t n = ws_tokenize(d->text, c->mention.start, c->mention.end, tk, 8);
        for (size_t j = 1; j < n; j++)
            if (ws_match_list(d, d->eng->documents, tk, n, j, NULL, NULL))
                return false; /* "A video of the episode shows her …": no speaker */
        return n > 1 && ws_match_list(d, d->eng->determiners, tk, n, 0, &da, NULL) &&
               (da & d->eng->a_indefinite) && c->mention.start == prev.start;
    }
    return false;
}

/* The speaker of a quotation whose mention stands in the sentence of byte `at`, before `at`,
 * when that speaker fits: "What really got under her skin, she said, was a question … when a
 * young man asked Clinton why …" has Betsy Ebeling speaking and Clinton only named. */
static size_t speaker_of_sentence(const ws_doc *d, size_t at, size_t cur, const ws_gender *g)
{
    const ws_range r = d->sents[ws_sentence_at(d, at)].r;
    for (size_t ci = cur, steps = 0; ci-- > 0 && steps < MAX_LOOK; steps++) {
        const ws_cand *c = &d->cands[ci];
        if (!c->has_mention || c->dropped || c->mention.start >= at)
            continue;
        if (c->mention.start < r.start)
            break;
        if (c->entity != WS_NONE && gender_ok(d, &d->ents[c->entity], g))
            return c->entity;
    }
    return WS_NONE;
}

/* Whether the mention starting at `at` ends in a possessive: "chanted Okonkwo's name". */
static bool possessive_mention(const ws_doc *d, size_t at)
{
    size_t i = first_mention_from(d, at);
    if (i >= d->nmentions || d->mentions[i].r.start != at)
        return false;
    size_t e = d->mentions[i].r.end;
    while (e < d->len && e < d->mentions[i].r.end + 4 && !ws_space_at(d->text, e, d->len) &&
           d->text[e] != ',' && d->text[e] != '.')
        e++; /* the mention may stop before the ending */
    return ws_possessive_owner(d->text, (ws_tok){at, e}) > 0;
}

/* The person a pronoun or a bare description most likely means: the most recent person of
 * gender g (or of either), or the subject of that sentence rather than a name later in it. */
static size_t salient_person(ws_doc *d, size_t pos, size_t cur, ws_gender g, size_t *at, why *w)
{
    size_t ent = most_recent_at(d, pos, cur, PRONOUN_REACH, gender_ok, &g, at);
    if (ent != WS_NONE && g != WS_G_UNKNOWN && possessive_mention(d, *at) &&
        ws_sentence_at(d, *at) == ws_sentence_at(d, pos)) {
        /* "Papadopoulou dismissed the offer. Speaking at a rally where staff chanted Okonkwo's
         * name, she said …": an owner named in the pronoun's own sentence is less likely meant
         * than the subject of the sentence before */
        size_t before, prev = most_recent_at(d, *at, cur, PRONOUN_REACH, gender_ok, &g, &before);
        if (prev != WS_NONE && prev != ent && d->ents[prev].gender == g &&
            ws_sentence_at(d, before) + 1 == ws_sentence_at(d, pos) &&
            subject_of(d, before, gender_ok, &g) == prev) {
            note(w, "'%s' is only named as an owner there; '%s' is the subject before",
                 d->ents[ent].name, d->ents[prev].name);
            *at = before;
            return prev;
        }
    }
    size_t subject = ent == WS_NONE ? WS_NONE : subject_of(d, *at, gender_ok, &g);
    if (subject != WS_NONE && subject != ent &&
        (g == WS_G_UNKNOWN || d->ents[subject].gender == g || d->ents[ent].gender == WS_G_UNKNOWN ||
         possessive_mention(d, *at))) {
        /* "Brady, who ran the kiosk, remembers Seo's first winter. She says …" */
        note(w, "'%s' is the subject of that sentence", d->ents[subject].name);
        ent = subject;
    } else if (ent != WS_NONE && subject != ent && g != WS_G_UNKNOWN) {
        /* the subject may be of unknown gender: it still wins when it speaks there */
        size_t speaker = speaker_of_sentence(d, *at, cur, &g);
        if (speaker != WS_NONE && speaker != ent && (subject == WS_NONE || speaker == subject)) {
            note(w, "'%s' speaks in that sentence", d->ents[speaker].name);
            ent = speaker;
        }
    }
    return ent;
}

/* Mentions a pronoun with nobody in reach counts back over, at most: bounded work. */
#define PROTAGONIST_LOOK 2000
/* Mentions of its protagonist an article must have before the pronoun. */
#define PROTAGONIST_MENTIONS 3

static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The person of gender g an article keeps coming back to, for a pronoun with nobody of that
 * gender in reach: a profile's "she says" five paragraphs after her name. The person must be
 * named most often before `pos`, at least PROTAGONIST_MENTIONS times, and more often than anyone
 * who might be of that gender. */
static size_t protagonist(const ws_doc *d, size_t pos, ws_gender g)
{
    size_t ids[PROTAGONIST_LOOK], n = 0; /* the people named, sorted to count them */
    for (size_t i = first_mention_from(d, pos); i-- > 0 && n < PROTAGONIST_LOOK;) {
        const ws_mention *m = &d->mentions[i];
        if (!m->in_quote && m->entity != WS_NONE && d->ents[m->entity].kind == WS_PERSON)
            ids[n++] = m->entity;
    }
    qsort(ids, n, sizeof *ids, by_index);
    size_t best = WS_NONE, most = 0, rival = 0;
    for (size_t i = 0, k; i < n; i = k) {
        for (k = i + 1; k < n && ids[k] == ids[i]; k++)
            ;
        ws_gender eg = d->ents[ids[i]].gender;
        if (eg == g && k - i > most) {
            rival = most > rival ? most : rival;
            best = ids[i], most = k - i;
        } else if ((eg == g || eg == WS_G_UNKNOWN) && k - i > rival) {
            rival = k - i;
        }
    }
    return most >= PROTAGONIST_MENTIONS && most > rival ? best : WS_NONE;
}

static size_t subject_org(ws_doc *d, size_t pos, size_t *at);

static size_t pronoun(ws_doc *d, size_t cur, uint32_t attrs, const char *surface, why *w)
{
    const ws_engine *e = d->eng;
    size_t pos = d->cands[cur].mention.start;
    if (attrs & e->a_first) {
        note(w, "'%s' is first person: no named speaker", surface);
        return WS_NONE;
    }
    if (attrs & e->a_plural || !(attrs & (e->a_pmale | e->a_pfemale))) {
        size_t ent = most_recent(d, pos, cur, 1, is_org, NULL), at;
        if (ent == WS_NONE && !(attrs & e->a_plural) && (ent = subject_org(d, pos, &at)) != WS_NONE)
            note(w, "'%s' is the subject of the sentence", d->ents[ent].name);
        if (ent != WS_NONE)
            note(w, "'%s' refers to the most recent organization '%s'", surface,
                 d->ents[ent].name);
        else
            note(w, "'%s': no organization mentioned nearby", surface);
        return ent;
    }
    ws_gender g = (attrs & e->a_pmale) ? WS_G_MALE : WS_G_FEMALE;
    size_t at = 0;
    size_t ent = salient_person(d, pos, cur, g, &at, w);
    size_t described = described_subject(d, pos, cur, at, &g);
    if (described != WS_NONE && described != ent) {
        note(w, "the sentence before has a description of '%s' as its subject",
             d->ents[described].name);
        ent = described;
    } else if (ent != WS_NONE && unnamed_before(d, pos, cur, at)) {
        note(w, "'%s' is the unnamed speaker of the sentence before", surface);
        return WS_NONE; /* "One grandmother … said …. “…,” she asked." */
    }
    if (ent == WS_NONE && (ent = protagonist(d, pos, g)) != WS_NONE) {
        note(w, "nobody of that gender in reach: '%s' is the person the article keeps naming",
             d->ents[ent].name);
        return ent;
    }
    if (ent == WS_NONE) {
        note(w, "'%s': no compatible person mentioned before", surface);
        return WS_NONE;
    }
    note(w, "'%s' (%s) refers to the most recent compatible person '%s'", surface,
         g == WS_G_MALE ? "male" : "female", d->ents[ent].name);
    if (d->ents[ent].gender == WS_G_UNKNOWN) {
        d->ents[ent].gender = g; /* later pronouns can tell this person from others */
        note(w, "learned that '%s' is %s", d->ents[ent].name, g == WS_G_MALE ? "male" : "female");
    }
    return ent;
}

/* Whether the word at s opens with a capital. s points into valid UTF-8, so one character is
 * at most four bytes: no strlen over the rest of the document. */
static bool is_capitalized(const char *s)
{
    size_t i = 0;
    return ws_is_upper(ws_utf8_next(s, 4, &i));
}

static int year_old(const char *t, ws_tok tk)
{
    size_t n = tk.e - tk.s;
    if (n > 9 && !memcmp(t + tk.e - 9, "-year-old", 9) && isdigit((unsigned char)t[tk.s]))
        return atoi(t + tk.s);
    return 0;
}

static size_t name_mention(ws_doc *d, const ws_tok *tk, size_t n, why *w);

/* Paragraphs within which the organization named last is meant, whatever the article is about. */
#define ORG_RECENT_REACH 1
/* Paragraphs from the article's start where its lede names what it is about. */
#define LEDE_PARAGRAPHS 3

/* The organization of that kind the article is about, when it is not the one named last (at
 * `recent_at`) and that one was named more than a paragraph before `pos`, or only in the lede
 * and not as its sentence's subject: "the company" late in a story about Brennock Dairies is
 * Brennock, though its parent Halvard Foods was named three paragraphs before; "the company
 * said" after "Orrin Textiles said its parent company, Castellan Holdings, was in talks" is
 * Orrin. The article is about the organization that is the subject of the first sentence of its
 * lede that opens with an organization. */
static bool in_lede(const ws_doc *d, size_t pos);

static size_t article_topic(const ws_doc *d, size_t pos, size_t recent, size_t recent_at,
                            const char *head)
{
    size_t para = ws_paragraph_at(d, pos);
    if (para <= ws_paragraph_at(d, recent_at) + ORG_RECENT_REACH &&
        (opens_sentence(d, recent_at) || !in_lede(d, recent_at)))
        return WS_NONE; /* named lately, and as a subject or after the lede: that one */
    for (size_t i = 0; i < d->nmentions && i < MAX_LOOK && d->mentions[i].r.start < recent_at;
         i++) {
        const ws_mention *m = &d->mentions[i];
        size_t mp = ws_paragraph_at(d, m->r.start);
        if (mp >= LEDE_PARAGRAPHS)
            break;
        if (m->in_quote || m->entity == WS_NONE || d->paras[mp].title_case ||
            !opens_sentence(d, m->r.start))
            continue;
        const ws_entity *en = &d->ents[m->entity];
        uint32_t a = ws_list_attrs_of(d->eng->organizations, head, strlen(head), NULL);
        bool of_kind =
            org_with_head(d, en, head) || /* "Brennock Dairies" for "the company" */
            ((a & d->eng->a_generic) && could_be_org(d, en, NULL) &&
             !org_with_word(d, &d->ents[recent], head)); /* "the union" is the Food
                                                          * Workers' Union, not Marsk Bakeries */
        if (!of_kind)
            return WS_NONE; /* a person or another kind leads: not what the article is about */
        return m->entity != recent ? m->entity : WS_NONE;
    }
    return WS_NONE;
}

/* An organization that is the subject of the sentence at `pos` (before `pos`) or of the one
 * before: "Korvale Lithium rejected the findings. In a statement, the company said", "Harlow
 * Biscuits said … . Output had fallen …, it said." *at is where that sentence starts. A name
 * of one word is no such subject ("Campaign funding: …"). */
static size_t subject_org(ws_doc *d, size_t pos, size_t *at)
{
    size_t si = ws_sentence_at(d, pos);
    for (size_t k = 0; k < 2 && k <= si && si < d->nsents; k++) {
        const ws_sentence *s = &d->sents[si - k];
        size_t end = k == 0 ? pos : s->r.end;
        size_t subj = end > s->r.start ? subject_of(d, end - 1, could_be_org, NULL) : WS_NONE;
        if (subj != WS_NONE && d->ents[subj].nwords > 1) {
            d->ents[subj].kind = WS_ORG;
            *at = s->r.start;
            return subj;
        }
    }
    return WS_NONE;
}

/* The organization of a kind ("ministry", "police") named before the mention, else the first
 * named after it (articles often say "police said" before naming the force). */
static size_t org_of_kind(ws_doc *d, size_t cur, const char *head, why *w)
{
    size_t pos = d->cands[cur].mention.start;
    size_t at = 0; /* "the foreign ministry": a Ministry before another kind of office */
    size_t ent = most_recent_at(d, pos, cur, (size_t)-1, org_with_word, head, &at);
    if (ent == WS_NONE)
        ent = most_recent_at(d, pos, cur, (size_t)-1, org_with_head, head, &at);
    size_t topic = ent == WS_NONE ? WS_NONE : article_topic(d, pos, ent, at, head);
    if (topic != WS_NONE) {
        note(w, "the article is about '%s'; '%s' was named paragraphs before", d->ents[topic].name,
             d->ents[ent].name);
        ent = topic;
    }
    uint32_t a = ws_list_attrs_of(d->eng->organizations, head, strlen(head), NULL);
    if (a & d->eng->a_generic) { /* "Korvale Lithium rejected the findings. In a statement, the
                                  * company said": the subject of this sentence or the one
                                  * before, over a company named paragraphs ago */
        size_t subj_at, subj = subject_org(d, pos, &subj_at);
        if (subj != WS_NONE && subj != ent && (ent == WS_NONE || at < subj_at)) {
            note(w, "'%s' is the subject of the sentence", d->ents[subj].name);
            ent = subj;
        }
    }
    if (ent == WS_NONE && (a & d->eng->a_generic)) { /* "the company": the one named before */
        ent = most_recent(d, pos, cur, PRONOUN_REACH, could_be_org, NULL);
        if (ent != WS_NONE)
            d->ents[ent].kind = WS_ORG;
    }
    size_t lo = first_mention_from(d, pos + 1); /* one of that kind named after it */
    for (size_t i = lo; ent == WS_NONE && i < d->nmentions && i < lo + MAX_LOOK; i++)
        if (d->mentions[i].entity != WS_NONE &&
            org_with_head(d, &d->ents[d->mentions[i].entity], head))
            ent = d->mentions[i].entity;
    if (ent == WS_NONE)
        note(w, "no organization named '... %s'", head);
    else
        note(w, "'%s' is the organization '%s'", head, d->ents[ent].name);
    return ent;
}

/* "a spokesman for Acme", "the spokeswoman for the ministry", "a council spokesman": the
 * organization speaks, and keeps the role so that "the spokeswoman" finds it later. */
static size_t spokesperson(ws_doc *d, size_t cur, const ws_tok *tk, size_t n, size_t tail,
                           const char *role, const char *org_kind, why *w)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    size_t ent = WS_NONE;
    if (tail < n) {
        size_t k = ws_match_list(d, e->determiners, tk, n, tail, NULL, NULL);
        if (tail + k < n && is_capitalized(t + tk[tail + k].s)) {
            size_t end = ws_name_end(d, tk, tail + k, n);
            ent = ws_entity_for(d, tk + tail + k, end - tail - k, WS_ORG, WS_G_UNKNOWN, true);
            if (ent != WS_NONE)
                note(w, "a %s speaks for '%s'", role, d->ents[ent].name);
        } else if (tail + k < n) {
            char head[128];
            size_t m = ws_fold(t + tk[n - 1].s, tk[n - 1].e - tk[n - 1].s, head, sizeof head - 1);
            head[m] = '\0';
            ent = org_of_kind(d, cur, head, w);
        }
    } else if (org_kind) {
        ent = org_of_kind(d, cur, org_kind, w);
    }
    if (ent != WS_NONE) {
        char roles[128];
        snprintf(roles, sizeof roles, "%s", role);
        ws_entity_note(&d->ents[ent], roles, NULL, WS_G_UNKNOWN, 0);
    } else {
        note(w, "a %s of no named organization: unnamed source", role);
    }
    return ent;
}

/* "the spokesman", "Russia's president", "a spokeswoman for Acme", "the 64-year-old". */
/* The country of a demonyms.txt entry, folded: "Russian" -> "russia". */
static void country_of(const ws_doc *d, long entry, char *out, size_t cap)
{
    const ws_list *l = d->eng->demonyms;
    const char *c = l->entries[l->groups[l->entry_group[entry]].first];
    size_t k = ws_fold(c, strlen(c), out, cap - 1);
    out[k] = '\0';
}

/* Whether tk[j] is a word inside an organization's name: "the Tax Policy Center" holds no
 * document, though "policy" can be one. */
static bool in_org_name(const ws_doc *d, const ws_tok *tk, size_t n, size_t j)
{
    if (!is_capitalized(d->text + tk[j].s))
        return false;
    for (size_t k = 0; k < n; k++) { /* "the Tax Policy Center", "the Committee for a … Budget" */
        uint32_t a = 0;
        if (k != j && is_capitalized(d->text + tk[k].s) &&
            ws_match_list(d, d->eng->organizations, tk, n, k, &a, NULL) && (a & d->eng->a_head))
            return true;
    }
    return false;
}

/* Paragraphs back that "the statement" looks for whoever made a statement. */
#define ISSUER_REACH 2

/* Who issued the document `doc` that a definite mention names: "X said in a statement …. “…,” the
 * statement said." is X's statement — the speaker of the most recent quotation, two paragraphs
 * back at most, whose sentence introduces that document ("a statement"). */
static size_t issuer_of(const ws_doc *d, size_t cur, ws_tok doc)
{
    size_t para = d->cands[cur].paragraph, dn = doc.e - doc.s;
    for (size_t ci = cur, steps = 0; ci-- > 0 && steps < MAX_LOOK; steps++) {
        const ws_cand *c = &d->cands[ci];
        if (c->paragraph + ISSUER_REACH < para)
            break;
        if (c->entity == WS_NONE || c->dropped || c->sentence >= d->nsents)
            continue;
        ws_range r = d->sents[c->sentence].r;
        for (size_t k = r.start + 2; k + dn <= r.end; k++)
            if (!strncasecmp(d->text + k, d->text + doc.s, dn) &&
                !memcmp(d->text + k - 2, "a ", 2) && /* introduced: "in a statement" */
                (k == r.start + 2 || !ws_is_alnum((unsigned char)d->text[k - 3])) &&
                (k + dn == r.end || !ws_is_alnum((unsigned char)d->text[k + dn])))
                return c->entity;
    }
    return WS_NONE;
}

/* Tokens a document's author may take after the mention, at most: "a statement [from the
 * Agrarian League]". */
#define DOCUMENT_TAIL 8

/* "a survey by the Brenmark Parents' Forum" speaks as its author, "a statement from the league"
 * as the league; "the report" as nobody, unless a quotation before introduced it ("the
 * statement" of who "said in a statement"). Returns 1 with *ent set when tk[i..n) names a
 * document, 0 otherwise. */
static int document_source(ws_doc *d, size_t cur, const ws_tok *mtk, size_t mn, size_t i, why *w,
                           size_t *ent)
{
    const ws_engine *e = d->eng;
    ws_tok tk[WS_MAX_TOKS + DOCUMENT_TAIL];
    size_t n = mn;
    memcpy(tk, mtk, mn * sizeof *tk);
    if (mn > 0 && !is_capitalized(d->text + mtk[mn - 1].s) &&
        ws_match_list(d, e->documents, mtk, mn, mn - 1, NULL, NULL)) {
        /* the frame's mention ends at the document: its author may follow, up to a comma */
        size_t from = mtk[mn - 1].e, end = d->sents[ws_sentence_at(d, from)].r.end;
        const char *comma = end > from ? memchr(d->text + from, ',', end - from) : NULL;
        if (comma)
            end = (size_t)(comma - d->text);
        if (end > from) /* a mention at the very end of the text has no tail */
            n += ws_tokenize(d->text, from, end, tk + mn, DOCUMENT_TAIL);
    }
    for (size_t j = i; j < n; j++) {
        if (!ws_match_list(d, e->documents, tk, n, j, NULL, NULL) || in_org_name(d, tk, n, j))
            continue;
        *ent = WS_NONE;
        for (size_t b = j + 1; b + 1 < n; b++) {
            size_t k = ws_match_list(d, e->determiners, tk, n, b + 1, NULL, NULL);
            uint32_t pa = 0;
            if (b + 1 + k >= n || (b >= mn && b != j + 1) || /* "data obtained by the Post" */
                !ws_match_list(d, e->particles, tk, n, b, &pa, NULL) ||
                !(pa & (e->a_author | e->a_source)))
                continue;
            const ws_tok *who = tk + b + 1 + k;
            size_t nw = 1; /* a name, or one noun */
            if (is_capitalized(d->text + who[0].s))
                nw = ws_name_end(d, tk, b + 1 + k, n) - b - 1 - k;
            if (nw == 0 || ws_possessive_owner(d->text, who[nw - 1]))
                continue; /* "by Nunberg's lawyer": a person the name does not give */
            uint32_t ha = ws_list_attrs_of(e->organizations, d->text + who[nw - 1].s,
                                           who[nw - 1].e - who[nw - 1].s, NULL);
            if (!is_capitalized(d->text + who[0].s)) { /* "a statement from the league" */
                if (!(ha & e->a_head))
                    continue;
                char head[64];
                size_t m = ws_fold(d->text + who[0].s, who[0].e - who[0].s, head, sizeof head - 1);
                head[m] = '\0';
                *ent = org_of_kind(d, cur, head, w);
            } else if (pa & e->a_author) { /* "a survey by the Brenmark Parents' Forum" */
                *ent = ws_entity_for(d, who, nw, WS_ORG, WS_G_UNKNOWN, true);
            } else { /* "from": an organization, not a place ("a report from Kyiv") */
                *ent = ws_entity_for(d, who, nw, WS_ORG, WS_G_UNKNOWN, !!(ha & e->a_head));
                if (*ent != WS_NONE && d->ents[*ent].kind != WS_ORG)
                    *ent = WS_NONE;
                if (*ent == WS_NONE)
                    continue;
            }
            if (*ent != WS_NONE)
                note(w, "a document by '%s'", d->ents[*ent].name);
            return 1;
        }
        uint32_t da = 0;
        if (i > 0 && ws_match_list(d, e->determiners, tk, n, 0, &da, NULL) &&
            (da & e->a_definite) && (*ent = issuer_of(d, cur, tk[j])) != WS_NONE) {
            note(w, "'%.*s' is the one '%s' issued", (int)(tk[j].e - tk[0].s), d->text + tk[0].s,
                 d->ents[*ent].name);
            return 1;
        }
        note(w, "a document: no named speaker");
        return 1;
    }
    return 0;
}

/* Whether the mention is a name with what describes it around: "Director Ilse Marquardt", "the
 * Kremlin", "the state rail company Bohdanian Railways", "Leon Barrow of the fire service" —
 * not "a spokesman for Acme" or "a source close to X", where a role introduces the name. */
static bool names_someone(const ws_doc *d, const ws_tok *tk, size_t n, size_t i)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    ws_gender ignored = WS_G_UNKNOWN;
    size_t name_at = ws_strip_titles(d, tk, n, NULL, 0, NULL, 0, &ignored);
    size_t end = ws_name_end(d, tk, name_at, n);
    uint32_t run_end = 0; /* "Coast Guard" ends a name although "guard" is a role */
    ws_match_list(d, e->organizations, tk, n, end - 1, &run_end, NULL);
    bool ends_in_name = (end == n || t[tk[end].s] == '(' ||
                         ws_match_list(d, e->particles, tk, n, end, NULL, NULL)) &&
                        is_capitalized(t + tk[end - 1].s) &&
                        ((run_end & e->a_head) || end - name_at > 1 || /* "Secondary Teachers" */
                         (!ws_match_list(d, e->titles, tk, n, end - 1, NULL, NULL) &&
                          !ws_match_list(d, e->nonspeakers, tk, n, end - 1, NULL, NULL)));
    for (size_t j = i; j < name_at && ends_in_name; j++)
        if (!is_capitalized(t + tk[j].s) &&
            (ws_match_list(d, e->particles, tk, n, j, NULL, NULL) > 0 ||
             (ws_match_list(d, e->nonspeakers, tk, n, j, NULL, NULL) > 0 && j + 1 < name_at &&
              !is_capitalized(t + tk[j + 1].s))))
            return false;
    return ends_in_name;
}

/* "the Finn", "the Belgian": the person of that nation, else the person just named. */
static size_t person_of_nation(ws_doc *d, size_t cur, const ws_tok *tk, long dem, why *w)
{
    size_t pos = d->cands[cur].mention.start;
    char nat[128];
    country_of(d, dem, nat, sizeof nat);
    want q = {NULL, nat, 0, NULL};
    size_t ent = most_recent(d, pos, cur, (size_t)-1, fits, &q);
    if (ent == WS_NONE) { /* the article never said so: whom it is about */
        size_t at;
        ent = salient_person(d, pos, cur, WS_G_UNKNOWN, &at, w);
        if (ent != WS_NONE && ws_entity_note(&d->ents[ent], NULL, nat, WS_G_UNKNOWN, 0) == 0)
            note(w, "learned that '%s' is of %s", d->ents[ent].name, nat); /* a later "the Dane" */
    }
    if (ent != WS_NONE)
        note(w, "'%.*s' is '%s'", (int)(tk->e - tk->s), d->text + tk->s, d->ents[ent].name);
    else
        note(w, "nobody of %s named before", nat);
    return ent;
}

/* Paragraphs of headlines and captions before the lede, at most. */
#define MAX_LEDE_PARAGRAPH 8

/* Whether byte `pos` is in the article's lede: its first paragraph that is not a headline. */
static bool in_lede(const ws_doc *d, size_t pos)
{
    size_t p = 0;
    while (p < d->nparas && p < MAX_LEDE_PARAGRAPH &&
           (d->paras[p].title_case || d->paras[p].boilerplate))
        p++;
    return p < d->nparas && ws_paragraph_at(d, pos) == p;
}

/* Paragraphs a lede's description may wait for its name: "The captain of the ferry told a court
 * … . ¶ Lwazi Mthembu, 58, is charged …". */
#define LEDE_REACH 2

static bool any_person(const ws_doc *d, const ws_entity *en, const void *arg)
{
    (void)d, (void)arg;
    return en->kind == WS_PERSON;
}

/* A definite description before anybody is named is the person the next sentences name: news
 * opens with "The captain of the ferry told a court …" and names him in the next paragraph,
 * as the subject of his sentence. `role` is learned for that person. */
static size_t named_next(ws_doc *d, size_t pos, size_t cur, const char *role, why *w)
{
    if (most_recent(d, pos, cur, (size_t)-1, any_person, NULL) != WS_NONE)
        return WS_NONE; /* somebody was named before: the description is not a lede's */
    size_t para = ws_paragraph_at(d, pos), own_end = d->sents[ws_sentence_at(d, pos)].r.end;
    size_t lo = first_mention_from(d, d->cands[cur].mention.end);
    for (size_t i = lo; i < d->nmentions && i < lo + MAX_LOOK; i++) {
        const ws_mention *m = &d->mentions[i];
        if (ws_paragraph_at(d, m->r.start) > para + LEDE_REACH)
            break;
        if (m->in_quote || m->entity == WS_NONE || m->r.start < own_end)
            continue; /* "… told a court that he had seen a van leave the Brook Mill yard" */
        const ws_entity *en = &d->ents[m->entity];
        if (en->kind == WS_PERSON && role && en->roles && ws_has_word(en->roles, role)) {
            note(w, "nobody named before: '%s', named next with that role", en->name);
            return m->entity; /* "Velmar's finance minister …" ¶ "…," Finance Minister X told */
        }
        if (en->kind != WS_PERSON || d->sents[ws_sentence_at(d, m->r.start)].r.start != m->r.start)
            return WS_NONE; /* the first name after it must be a person opening a sentence */
        note(w, "nobody named before: '%s', named next as a sentence's subject",
             d->ents[m->entity].name);
        if (role && ws_entity_note(&d->ents[m->entity], role, NULL, WS_G_UNKNOWN, 0) == 0)
            note(w, "learned that '%s' is the %s", d->ents[m->entity].name, role);
        return m->entity;
    }
    return WS_NONE;
}

/* An unnamed source described in detail ("A retired nurse who has lived opposite Tannery Meadow
 * for 31 years says …") is the person the article names next with an age ("…,” says Maureen
 * Achterberg-Lowe, 74."), within the next paragraph: news introduces a witness so. A bare
 * "a spokesman" or "one woman" is no such description. */
static size_t introduced_next(ws_doc *d, size_t cur, why *w)
{
    const ws_cand *c = &d->cands[cur];
    const char *t = d->text;
    size_t me = c->mention.end; /* "A retired nurse who …" (widened later, if at all) */
    bool who = me + 5 <= d->len && !memcmp(t + me, " who ", 5);
    for (size_t i = c->mention.start; i + 5 <= c->mention.end && !who; i++)
        who = !memcmp(t + i, " who ", 5);
    if (!who)
        return WS_NONE;
    size_t para = ws_paragraph_at(d, c->mention.start);
    size_t from = c->content.end > c->mention.end ? c->content.end : c->mention.end;
    size_t lo = first_mention_from(d, from);
    for (size_t i = lo; i < d->nmentions && i < lo + MAX_LOOK; i++) {
        const ws_mention *m = &d->mentions[i];
        if (ws_paragraph_at(d, m->r.start) > para + 1)
            break;
        if (m->in_quote || m->entity == WS_NONE)
            continue;
        if (d->ents[m->entity].kind != WS_PERSON)
            return WS_NONE;
        bool aged = false; /* "Maureen Achterberg-Lowe, 74" (the match may hold the age) */
        for (size_t k = m->r.start; k + 3 < d->len && k <= m->r.end && !aged; k++)
            aged = t[k] == ',' && t[k + 1] == ' ' && ws_is_digit(t[k + 2]);
        if (!aged)
            return WS_NONE; /* the next name is someone else's */
        note(w, "described, then named with an age: '%s'", d->ents[m->entity].name);
        return m->entity;
    }
    return WS_NONE;
}

/* Bytes before a name that owner_of_kind_near() reads, at most. */
#define OWNER_REACH 80

/* Whether the possessive of a word of that kind stands shortly before the name at `at` in its
 * sentence `r`: "The union's general secretary, Aivars Ozoliņš". */
static bool owner_of_kind_near(const ws_doc *d, ws_range r, size_t at, const char *kind)
{
    const char *t = d->text;
    size_t kn = strlen(kind), from = at > r.start + OWNER_REACH ? at - OWNER_REACH : r.start;
    for (size_t i = from; i + kn + 2 <= at; i++) {
        if (strncasecmp(t + i, kind, kn) || (i > r.start && ws_is_alnum((unsigned char)t[i - 1])))
            continue;
        if (t[i + kn] == '\'' && t[i + kn + 1] == 's')
            return true;
        if (i + kn + 4 <= at && !memcmp(t + i + kn, "\xE2\x80\x99s", 4))
            return true;
    }
    return false;
}

/* "the union leader" when nobody was called that: the most recent person with a post (a role)
 * named in one sentence with an organization of that kind — "Gwen Tallis-Marr, regional
 * secretary of the Metalworkers' Federation, said …". */
static size_t leader_of(const ws_doc *d, size_t pos, const char *kind)
{
    size_t hi = first_mention_from(d, pos);
    for (size_t i = hi, steps = 0; i-- > 0 && steps < MAX_LOOK; steps++) {
        const ws_mention *m = &d->mentions[i];
        if (m->in_quote || m->entity == WS_NONE || d->ents[m->entity].kind != WS_PERSON ||
            !d->ents[m->entity].roles)
            continue;
        const ws_range r = d->sents[ws_sentence_at(d, m->r.start)].r;
        if (owner_of_kind_near(d, r, m->r.start, kind))
            return m->entity; /* "The union's general secretary, Aivars Ozoliņš," */
        size_t lo = first_mention_from(d, r.start); /* a sentence's names: MAX_LOOK at most */
        for (size_t k = lo;
             k < d->nmentions && k < hi && k < lo + MAX_LOOK && d->mentions[k].r.start < r.end; k++)
            if (d->mentions[k].entity != WS_NONE &&
                org_with_head(d, &d->ents[d->mentions[k].entity], kind))
                return m->entity;
    }
    return WS_NONE;
}

/* Entities an organization's short name is looked up among, most recent first, at most. */
#define MAX_ORG_LOOK 64

/* The organization whose name is or begins with the word `w`: "Tessaro" for "Tessaro
 * Appliances". */
static size_t org_named_by_first_word(ws_doc *d, ws_tok w)
{
    size_t n = w.e - w.s;
    for (size_t i = d->nents, k = 0; i-- > 0 && k < MAX_ORG_LOOK; k++) {
        const ws_entity *en = &d->ents[i];
        if ((en->kind == WS_ORG || could_be_org(d, en, NULL)) &&
            !strncmp(en->name, d->text + w.s, n) && (en->name[n] == '\0' || en->name[n] == ' '))
            return i; /* "Tessaro Appliances" reads as a person's name to the lists */
    }
    return WS_NONE;
}

static size_t introduced_next(ws_doc *d, size_t cur, why *w);

/* The person a description by role, nation or age finds: "the spokesman", "Russia's
 * president", "the 64-year-old", "the defendant"; a spokesperson for an organization gives
 * the organization. */
static size_t role_holder(ws_doc *d, size_t cur, const ws_tok *tk, size_t n, size_t i,
                          uint32_t dattrs, char *nation, size_t ncap, why *w)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    size_t pos = d->cands[cur].mention.start;
    const char *role = NULL, *org_kind = NULL;
    bool speaks_for = false, leads = false;
    size_t role_at = 0;
    int age = 0;
    size_t tail = n;
    for (size_t j = i; j < n; j++) {
        long entry;
        size_t k;
        if (role && !is_capitalized(t + tk[j].s) &&
            !ws_match_list(d, e->titles, tk, n, j, NULL, NULL)) {
            tail = j + 1; /* "a spokesman for Acme", "the spokeswoman for the ministry" */
            break;
        }
        uint32_t na = 0;
        bool nonspeaker = ws_match_list(d, e->nonspeakers, tk, n, j, &na, NULL) > 0;
        bool titled = ws_match_list(d, e->titles, tk, n, j, NULL, NULL) > 0;
        if (nonspeaker && !titled &&
            ((dattrs & e->a_definite) || ((dattrs & e->a_possessive) && (na & e->a_kin)))) {
            /* "the witness": the person a phrase gave that role ("was giving evidence");
             * "Her daughter": the one called "a daughter, Helena Faulk-Ibarra," before */
            char word[64];
            size_t wn = ws_fold(t + tk[j].s, tk[j].e - tk[j].s, word, sizeof word - 1);
            word[wn] = '\0';
            want q = {word, NULL, 0, NULL};
            size_t ent = most_recent(d, pos, cur, (size_t)-1, fits, &q);
            if (ent != WS_NONE) {
                note(w, "description matches '%s' (%s)", d->ents[ent].name, word);
                return ent;
            }
        }
        if (nonspeaker && (!titled || !(dattrs & e->a_definite))) {
            /* "officials", "an analyst"; but "the analyst" may be the one named before, and
             * "A retired music teacher told a court …" in a lede the one named next */
            size_t next = titled && (dattrs & e->a_indefinite) && in_lede(d, pos)
                              ? named_next(d, pos, cur, NULL, w)
                              : WS_NONE;
            if (next == WS_NONE && (dattrs & e->a_indefinite))
                next = introduced_next(d, cur, w);
            if (next == WS_NONE)
                note(w, "'%.*s' is an unnamed source", (int)(tk[j].e - tk[j].s), t + tk[j].s);
            return next;
        }
        int years = year_old(t, tk[j]);
        if (years) {
            age = years;
            continue;
        }
        uint32_t ta = 0;
        if (!role && (k = ws_match_list(d, e->titles, tk, n, j, &ta, &entry))) {
            role = e->titles->folded[entry];
            role_at = j;
            speaks_for = (ta & e->a_speaks_for) != 0;
            leads = (ta & e->a_leads) != 0;
            j += k - 1;
            continue;
        }
        uint32_t oa = 0;
        if (!role && ws_match_list(d, e->organizations, tk, n, j, &oa, &entry) == 1 &&
            (oa & e->a_head))
            org_kind = e->organizations->folded[entry]; /* "a council spokesman" */
        if (!nation[0] && (k = ws_match_list(d, e->demonyms, tk, n, j, NULL, &entry))) {
            country_of(d, entry, nation, ncap);
            j += k - 1;
        }
    }
    size_t named_from = role_at; /* "A Unity Party spokesman", "A Tessaro spokeswoman" */
    while (named_from > i && is_capitalized(t + tk[named_from - 1].s) &&
           !ws_match_list(d, e->demonyms, tk, n, named_from - 1, NULL, NULL))
        named_from--;
    if (role && speaks_for && tail == n && named_from < role_at) {
        /* the organization of that name, or first named with that word ("Tessaro Appliances") */
        size_t org =
            ws_entity_for(d, tk + named_from, role_at - named_from, WS_ORG, WS_G_UNKNOWN, false);
        if (org == WS_NONE && !org_kind && role_at - named_from == 1)
            org = org_named_by_first_word(d, tk[named_from]);
        if (org != WS_NONE) {
            d->ents[org].kind = WS_ORG;
            note(w, "a %s speaks for '%s'", role, d->ents[org].name);
            return org;
        }
    }
    if (role && speaks_for && (tail < n || org_kind)) /* a spokesperson speaks for it */
        return spokesperson(d, cur, tk, n, tail, role, org_kind, w);
    if (dattrs & e->a_indefinite) {
        size_t next = in_lede(d, pos) ? named_next(d, pos, cur, role, w) : WS_NONE;
        if (next == WS_NONE)
            next = introduced_next(d, cur, w);
        if (next == WS_NONE) /* "A retired music teacher told a court …" in a lede is named next */
            note(w, "indefinite description: unnamed source");
        return next;
    }
    char head[128];
    size_t h = tail < n ? tail - 2 : n - 1;
    if (!role && (dattrs & e->a_definite) && !year_old(t, tk[h])) {
        /* "the defendant", "the 24-year-old striker": its noun as a role */
        size_t k = ws_fold(t + tk[h].s, tk[h].e - tk[h].s, head, sizeof head - 1);
        head[k] = '\0';
        role = head;
    }
    if (!role && !age) {
        note(w, "description without a role");
        return WS_NONE;
    }
    /* words that say when someone held a post, not which post: "the former minister" is the
     * "former health minister" named before */
    static const char *const when[] = {"former",   "then",    "current", "outgoing",
                                       "incoming", "acting",  "interim", "new",
                                       "longtime", "retired", "late"};
    bool when_word = false;
    for (size_t k = 0; role_at > i && k < sizeof when / sizeof *when; k++)
        when_word = when_word || ws_word_is(t, tk[role_at - 1], when[k]);
    char modifier[64] = ""; /* "the education secretary" */
    if (role_at > i && !when_word && !is_capitalized(t + tk[role_at - 1].s) &&
        !ws_match_list(d, e->determiners, tk, n, role_at - 1, NULL, NULL)) {
        size_t k = ws_fold(t + tk[role_at - 1].s, tk[role_at - 1].e - tk[role_at - 1].s, modifier,
                           sizeof modifier - 1);
        modifier[k] = '\0';
    }
    want q = {role, nation[0] ? nation : NULL, age, modifier[0] ? modifier : NULL};
    size_t ent = most_recent(d, pos, cur, (size_t)-1, fits, &q);
    if (ent == WS_NONE && age && role) { /* "the 24-year-old striker": the striker, then */
        q.age = 0;
        ent = most_recent(d, pos, cur, (size_t)-1, fits, &q);
    }
    if (ent == WS_NONE && age) { /* "the 64-year-old" of someone whose age was not given */
        size_t at;
        ent = salient_person(d, pos, cur, WS_G_UNKNOWN, &at, w);
        if (ent != WS_NONE) {
            note(w, "no age given: the most recent person '%s'", d->ents[ent].name);
            /* later "the striker" is this person too */
            /* a failure (no memory) only loses the lesson */
            if (role && ws_entity_note(&d->ents[ent], role, NULL, WS_G_UNKNOWN, age) == 0)
                note(w, "learned that '%s' is the %s", d->ents[ent].name, role);
        }
        return ent;
    }
    if (ent == WS_NONE && org_kind && leads && (ent = leader_of(d, pos, org_kind)) != WS_NONE) {
        note(w, "nobody was called the %s: '%s' holds a post at the %s named with them", role,
             d->ents[ent].name, org_kind);
        return ent;
    }
    if (ent == WS_NONE && (!q.nation || (dattrs & e->a_possessive)) &&
        (dattrs & (e->a_definite | e->a_possessive)) &&
        (ent = named_next(d, pos, cur, role, w)) != WS_NONE)
        return ent; /* "The captain of the ferry told a court …", "Velmar's finance minister …" */
    if (ent == WS_NONE) {
        note(w, "no %s%s%s mentioned before", age ? "person of that age" : role,
             q.nation ? " of " : "", q.nation ? q.nation : "");
        return WS_NONE;
    }
    note(w, "description matches '%s' (%s%s%s)", d->ents[ent].name, age ? "age" : role,
         q.nation ? ", " : "", q.nation ? q.nation : "");
    return ent;
}

/* "Hydrologists", "Campaigners": a plural that names people by what they do, not a surname —
 * a word ending in "-ists", or a role of titles.txt with an "s". */
static bool plural_of_role(const ws_doc *d, ws_tok tk)
{
    const char *t = d->text;
    size_t len = tk.e - tk.s;
    if (len > 5 && !memcmp(t + tk.e - 4, "ists", 4))
        return true;
    if (len < 4 || t[tk.e - 1] != 's')
        return false;
    uint32_t a = 0;
    ws_tok sing = {tk.s, tk.e - 1};
    return ws_match_list(d, d->eng->titles, &sing, 1, 0, &a, NULL) == 1 && (a & d->eng->a_role);
}

/* "42%", "55 percent", "Sixty-six percent", "two-thirds", "three-quarters": a share of the
 * people polled. */
static bool share_of_people(const ws_doc *d, const ws_tok *tks, size_t ntk)
{
    const char *t = d->text;
    ws_tok tk = tks[0];
    size_t len = tk.e - tk.s;
    if (ntk > 1 &&
        ((len > 2 && !memcmp(t + tk.e - 2, "ly", 2)) || /* "Nearly half", "About 6 in 10" */
         ws_match_list(d, d->eng->stopwords, tks, ntk, 0, NULL, NULL)))
        return share_of_people(d, tks + 1, ntk - 1);
    if (len == 4 && !strncasecmp(t + tk.s, "half", 4))
        return true;
    bool number = tk.e > tk.s; /* "42%", "55", "6.5": digits, not "3M" */
    for (size_t i = tk.s; i < tk.e && number; i++)
        number = ws_is_digit((unsigned char)t[i]) || t[i] == '%' || t[i] == '.' || t[i] == ',';
    if (number)
        return true;
    for (size_t i = 1; i < ntk && i < 3; i++)
        if ((tks[i].e - tks[i].s == 7 && !memcmp(t + tks[i].s, "percent", 7)) ||
            (tks[i].e - tks[i].s == 1 && t[tks[i].s] == '%'))
            return true;
    for (size_t i = 1; i + 1 < ntk && i < 4; i++) /* "nine out of 10", "Six in 10" */
        if (((tks[i].e - tks[i].s == 2 &&
              (!memcmp(t + tks[i].s, "in", 2) || !memcmp(t + tks[i].s, "of", 2)))) &&
            ws_is_digit((unsigned char)t[tks[i + 1].s]))
            return true;
    static const char *const parts[] = {"-third", "-quarter", "-fifth"};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
        size_t n = strlen(parts[k]);
        for (size_t i = tk.s; i + n <= tk.e; i++)
            if (!memcmp(t + i, parts[k], n))
                return true;
    }
    return false;
}

/* A mention that describes rather than names its speaker; *done is false when it turns out to
 * be a name after all, for name_mention() to take. */
static size_t description(ws_doc *d, size_t cur, const ws_tok *tk, size_t n, why *w, bool *done)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    uint32_t dattrs = 0;
    size_t i = ws_match_list(d, e->determiners, tk, n, 0, &dattrs, NULL);
    char nation[128] = "";
    size_t own = i == 0 ? ws_possessive_owner(t, tk[0]) : 0;
    *done = false;
    if (own && n > 1 && is_capitalized(t + tk[1].s))
        return WS_NONE; /* "Gallow’s Quay Borough Council" */
    if (own) {          /* "Vukovic's daughter Petra Vukovic-Lund": the name after the role */
        size_t j = n;
        while (j > 1 && is_capitalized(t + tk[j - 1].s))
            j--;
        if (j > 1 && j < n && !is_capitalized(t + tk[j - 1].s)) {
            *done = true;
            note(w, "the name after '%.*s'", (int)(tk[j - 1].e - tk[0].s), t + tk[0].s);
            return name_mention(d, tk + j, n - j, w);
        }
    }
    if (own) { /* "Russia's president" */
        ws_tok o = {tk[0].s, tk[0].s + own};
        long entry;
        if (ws_match_list(d, e->demonyms, &o, 1, 0, NULL, &entry))
            country_of(d, entry, nation, sizeof nation);
        dattrs = e->a_possessive;
        i = 1;
    }
    size_t ent;
    if ((i == 0 && share_of_people(d, tk, n)) || (i > 0 && i == n)) { /* "Some said" */
        *done = true;
        note(w, "'%.*s' is a share of people polled: no named speaker", (int)(tk[0].e - tk[0].s),
             t + tk[0].s);
        return WS_NONE;
    }
    if (document_source(d, cur, tk, n, i, w, &ent)) {
        *done = true;
        return ent;
    }
    long dem;
    size_t age_at = i > 0 && i + 2 == n && year_old(t, tk[i]) ? 1 : 0; /* "the 22-year-old Dane" */
    if (i > 0 && i + age_at + 1 == n &&
        ws_match_list(d, e->demonyms, tk, n, i + age_at, NULL, &dem)) {
        *done = true;
        return person_of_nation(d, cur, tk + i + age_at, dem, w);
    }
    if (i > 0 && i + 1 == n && (dattrs & e->a_definite) && is_capitalized(t + tk[i].s)) {
        /* "the Velemiri": a nation no list knows, learned from "the Velemiri carpet seller X" */
        char nat[128];
        size_t k = ws_fold(t + tk[i].s, tk[i].e - tk[i].s, nat, sizeof nat - 1);
        nat[k] = '\0';
        want q = {NULL, nat, 0, NULL};
        size_t p = most_recent(d, d->cands[cur].mention.start, cur, (size_t)-1, fits, &q);
        if (p != WS_NONE) {
            *done = true;
            note(w, "'%.*s' is '%s', introduced so", (int)(tk[i].e - tk[i].s), t + tk[i].s,
                 d->ents[p].name);
            return p;
        }
        if (ws_demonym_of_named_place(d, tk[i])) { /* "the Dostovan" in a story about Dostova */
            *done = true;
            size_t at;
            note(w, "'%.*s' is one of the people of a place the article names",
                 (int)(tk[i].e - tk[i].s), t + tk[i].s);
            return salient_person(d, d->cands[cur].mention.start, cur, WS_G_UNKNOWN, &at, w);
        }
    }
    uint32_t oattrs = 0;
    size_t last_org = ws_match_list(d, e->organizations, tk, n, n - 1, &oattrs, NULL);
    uint32_t ra = 0; /* "the guard" is a person; "the Guard", the National Guard */
    bool person_role =
        ws_match_list(d, e->titles, tk, n, n - 1, &ra, NULL) == 1 && (ra & e->a_role);
    bool org_head =
        last_org && (oattrs & e->a_head) && !is_capitalized(t + tk[n - 1].s) && !person_role;
    bool ends_unnamed = ws_match_list(d, e->nonspeakers, tk, n, n - 1, NULL, NULL) == 1;
    bool starts_unnamed = i < n && ws_match_list(d, e->nonspeakers, tk, n, i, NULL, NULL) > 0;
    /* "an Iowa Democrat", "a source at the club" */
    bool unnamed_one = (dattrs & e->a_indefinite) && n > i + 1 && (ends_unnamed || starts_unnamed);
    if (unnamed_one && org_head) { /* not the club's own voice */
        *done = true;
        note(w, "'%.*s' is an unnamed source", (int)(tk[i].e - tk[i].s), t + tk[i].s);
        return WS_NONE;
    }
    if (i == 0 && plural_of_role(d, tk[0]) &&
        (n == 1 || !is_capitalized(t + tk[1].s))) { /* "Shopkeepers on Mill Street said" */
        *done = true; /* "Hydrologists have warned", "Campaigners said" */
        note(w, "'%.*s' are people by their role: no named speaker", (int)(tk[0].e - tk[0].s),
             t + tk[0].s);
        return WS_NONE;
    }
    if (!own && !unnamed_one && names_someone(d, tk, n, i))
        return WS_NONE;
    bool group = !is_capitalized(t + tk[n - 1].s) && ends_unnamed; /* "union officials" */
    if (i == 0 && !org_head && !group && !ws_match_list(d, e->nonspeakers, tk, n, 0, NULL, NULL) &&
        !year_old(t, tk[0]) && !ws_match_list(d, e->titles, tk, n, 0, NULL, NULL))
        return WS_NONE; /* no determiner, no role: a name */
    *done = true;
    for (size_t j = i; org_head && j + 1 < n; j++) /* "the Kessel regional government" */
        if (is_capitalized(t + tk[j].s) && !ws_match_list(d, e->demonyms, tk, n, j, NULL, NULL) &&
            ws_match_list(d, e->organizations, tk, n, j, NULL, NULL) != 1) { /* "the UN agency" */
            size_t k = n; /* "the Fairway supermarket chain": a generic kind is not in the name */
            if (oattrs & e->a_generic)
                for (k = j + 1; k < n && is_capitalized(t + tk[k].s);)
                    k++;
            ent = ws_entity_for(d, tk + j, k - j, WS_ORG, WS_G_UNKNOWN, true);
            if (ent != WS_NONE)
                note(w, "an organization named by its kind: '%s'", d->ents[ent].name);
            return ent;
        }
    if (org_head) { /* "the ministry", "police": the organization of that kind named before */
        char head[128];
        size_t k = ws_fold(t + tk[n - 1].s, tk[n - 1].e - tk[n - 1].s, head, sizeof head - 1);
        head[k] = '\0';
        size_t org = org_of_kind(d, cur, head, w);
        for (size_t j = i; org != WS_NONE && j + 1 < n; j++) {
            uint32_t ta = 0;
            long entry;
            if (ws_match_list(d, e->titles, tk, n, j, &ta, &entry) && (ta & e->a_speaks_for)) {
                /* "A spokeswoman for the department": a later "the spokeswoman" is its voice */
                ws_entity_note(&d->ents[org], e->titles->folded[entry], NULL, WS_G_UNKNOWN, 0);
                break;
            }
        }
        return org;
    }
    return role_holder(d, cur, tk, n, i, dattrs, nation, sizeof nation, w);
}

/* Whether every token is a stopword or a word for people that names nobody ("Others", "About",
 * "Muslims"); countries speak ("Russia said"), so a demonym is a name here, and so do
 * organizations named with such words ("Parents First"), so it is asked of one word only. */
static bool no_one(const ws_doc *d, const ws_tok *tk, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = ws_match_list(d, d->eng->stopwords, tk, n, i, NULL, NULL);
        if (!k)
            k = ws_match_list(d, d->eng->nonspeakers, tk, n, i, NULL, NULL);
        if (!k)
            return false;
        i += k;
    }
    return n > 0;
}

static size_t name_mention(ws_doc *d, const ws_tok *tk, size_t n, why *w)
{
    const ws_engine *e = d->eng;
    char roles[256] = "", nations[128] = "";
    ws_gender g = WS_G_UNKNOWN;
    size_t first = ws_strip_titles(d, tk, n, roles, sizeof roles, nations, sizeof nations, &g);
    size_t end = ws_name_end(d, tk, first, n);
    first = ws_org_start(d, tk, first, end);
    const ws_tok *name = tk + first;
    size_t nn = end - first;
    uint32_t la = 0, tail = 0;
    bool whole_org = ws_match_list(d, e->organizations, name, nn, 0, &la, NULL) == nn;
    ws_match_list(d, e->organizations, name, nn, nn - 1, &tail, NULL);
    bool inner_head = false; /* "Diocese of Kelda", "Pell & Rudd" */
    for (size_t i = 0; i + 1 < nn && !inner_head; i++) {
        uint32_t a = 0;
        inner_head =
            (ws_match_list(d, e->organizations, name, nn, i, &a, NULL) && (a & e->a_head)) ||
            ws_firm_ampersand(d, name, nn, i);
    }
    ws_entity_kind kind = (whole_org || (tail & e->a_head) || inner_head) ? WS_ORG : WS_PERSON;
    if (kind == WS_ORG && nn >= 3 && (tail & e->a_head) && ws_owning_place(d, name[0]))
        name++, nn--; /* "Vestria's Foreign Ministry" is Vestria's "Foreign Ministry" */
    if (nn == 1 && no_one(d, name, nn) && ws_entity_for(d, name, nn, kind, g, false) == WS_NONE) {
        /* "Others", "About", "Muslims" */
        note(w, "'%.*s' is no name: no named speaker", (int)(name[nn - 1].e - name[0].s),
             d->text + name[0].s);
        return WS_NONE;
    }
    uint32_t pa = 0;
    if (first > 0 && ws_match_list(d, e->particles, tk, n, first - 1, &pa, NULL) &&
        (pa & e->a_locative)) { /* "Shopkeepers on Mill Street": a place, not who spoke */
        note(w, "'%.*s' is a place: no named speaker", (int)(name[nn - 1].e - name[0].s),
             d->text + name[0].s);
        return WS_NONE;
    }
    if (nn == 1 && kind == WS_PERSON && ws_modifies_people(d, name[0].e) &&
        ws_entity_for(d, name, nn, kind, g, false) == WS_NONE) {
        note(w, "'%.*s' describes the people after it: no named speaker",
             (int)(name[0].e - name[0].s), d->text + name[0].s);
        return WS_NONE; /* "According to Kaldonian officials" */
    }
    size_t before = d->nents;
    size_t ent = ws_entity_for(d, name, nn, kind, g, true);
    if (ent == WS_NONE)
        return WS_NONE;
    ws_entity_note(&d->ents[ent], roles, nations, g, 0);
    if (ent == before)
        note(w, "name '%s' is new", d->ents[ent].name);
    else
        note(w, "name matches '%s'", d->ents[ent].name);
    return ent;
}

/* Where a relative clause gives a source's name, or n: "who gave her name only as Ilona", "who
 * gave only his first name, Aigul". */
static size_t name_given(const char *t, const ws_tok *tk, size_t n)
{
    for (size_t j = 1; j + 1 < n; j++) {
        if (!ws_word_is(t, tk[j], "name"))
            continue;
        size_t k = j + 1;
        if (ws_word_is(t, tk[k], "only") && k + 1 < n)
            k++;
        if (t[tk[k - 1].e] == ',' || (ws_word_is(t, tk[k], "as") && ++k < n))
            return is_capitalized(t + tk[k].s) ? k : n;
        return n;
    }
    return n;
}

/* The name an appositive gives a described speaker: "His lawyer, Tobias Wendt, said",
 * "Another pollster, David Woodard of Clemson University, said". */
static size_t appositive_name(ws_doc *d, size_t cur, why *w)
{
    const ws_cand *c = &d->cands[cur];
    if (c->appos.start == WS_NONE)
        return WS_NONE;
    ws_tok tk[WS_MAX_TOKS];
    size_t n = ws_tokenize(d->text, c->appos.start, c->appos.end, tk, WS_MAX_TOKS);
    size_t given = name_given(d->text, tk, n);
    if (given < n) {
        size_t end = given + 1;
        while (end < n && d->text[tk[end - 1].e] != ',' && is_capitalized(d->text + tk[end].s))
            end++;
        note(w, "the appositive gives the speaker's name");
        return name_mention(d, tk + given, end - given, w);
    }
    size_t end = 1;
    while (end < n && d->text[tk[end - 1].e] != ',')
        end++; /* the first part only: ", Tobias Wendt, 52," */
    if (n == 0 || !is_capitalized(d->text + tk[0].s) ||
        ws_match_list(d, d->eng->stopwords, tk, end, 0, NULL, NULL))
        return WS_NONE;
    ws_gender g = WS_G_UNKNOWN;
    size_t first = ws_strip_titles(d, tk, end, NULL, 0, NULL, 0, &g);
    if (!is_capitalized(d->text + tk[first].s))
        return WS_NONE;
    note(w, "the appositive names the speaker");
    return name_mention(d, tk, end, w);
}

/* Words that carry an unnamed source's description on to its cue: "Two midwives who asked not
 * to be named said", "Officials at the port said", "a man trying to reach Selbury said". */
static bool goes_on_describing(const char *t, ws_tok w)
{
    static const char *const words[] = {"who",  "that", "at", "in", "on",      "from",   "close",
                                        "near", "with", "of", "to", "outside", "inside", "behind"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (ws_word_is(t, w, words[i]))
            return true;
    return w.e - w.s > 5 && !memcmp(t + w.e - 3, "ing", 3); /* "waiting", "leaving" */
}

/* Words of such a description after its noun, at most. */
#define MAX_DESCRIPTION_TAIL 14

/* The mention of an unnamed source takes in the words that describe it up to its cue (or, after
 * an inverted cue, up to the end of the clause), as corpus/README.md's mentions do: "One woman
 * who lives on Kiln Lane", "one woman waiting for the number 7". Only a mention that opens with
 * an indefinite word ("a", "one", "two") or is a plural word for people ("Officials"). */
static void widen_unnamed(ws_doc *d, ws_cand *c)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    ws_tok tk[3];
    uint32_t da = 0;
    size_t n = ws_tokenize(t, c->mention.start, c->mention.end, tk, 3);
    if (n == 0 || !c->has_cue ||
        !((ws_match_list(d, e->determiners, tk, n, 0, &da, NULL) && (da & e->a_indefinite) &&
           n > 1) ||
          (n == 1 && ws_match_list(d, e->nonspeakers, tk, n, 0, NULL, NULL))))
        return;
    bool before = c->cue.start >= c->mention.end;
    size_t end = before ? c->cue.start : d->sents[ws_sentence_at(d, c->mention.start)].r.end;
    if (end <= c->mention.end || end - c->mention.end > 200)
        return;
    const char *comma = before ? NULL : memchr(t + c->mention.end, ',', end - c->mention.end);
    if (comma) /* "said one fund manager in Lindenhall, who asked not to be named" */
        end = (size_t)(comma - t);
    ws_tok gap[MAX_DESCRIPTION_TAIL + 1];
    size_t g = ws_tokenize(t, c->mention.end, end, gap, MAX_DESCRIPTION_TAIL + 1);
    if (g == 0 || !goes_on_describing(t, gap[0]) || g > MAX_DESCRIPTION_TAIL || (!before && g > 10))
        return;
    if (before && (ws_word_is(t, gap[g - 1], "who") || ws_word_is(t, gap[g - 1], "that")) &&
        --g == 0)
        return; /* "X, an economics professor …, who had once concluded": "who" is the cue's */
    bool relative = ws_word_is(t, gap[0], "who") || ws_word_is(t, gap[0], "that");
    static const char *const verbs[] = {"and", "but",  "have", "has",   "had",   "is",  "are",
                                        "was", "were", "will", "would", "could", "can", "may"};
    for (size_t i = 0; i < g; i++) {
        for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
            if (ws_word_is(t, gap[i], verbs[k]) && (!relative || k < 2))
                return; /* "advisers to the government have been urging": a clause of its own */
        if (!relative && gap[i].e - gap[i].s > 3 && !memcmp(t + gap[i].e - 2, "ed", 2))
            return; /* "… declined to comment but said": the source acts, no description */
    }
    size_t last = 0;
    for (size_t i = c->mention.end; i < gap[g - 1].e; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == ',' || ch == ';' || ch == ':' || ch == '"' || ch == '(' || ch == 0xE2)
            break; /* a clause or a quotation of its own: "…, who …," is an aside */
        if (!ws_is_space(ch) && ch != '.')
            last = i + 1;
        if (!before && (ch == '.' || ch == '!' || ch == '?') &&
            (i + 1 >= gap[g - 1].e || ws_is_space((unsigned char)t[i + 1])))
            break;
        if (before && i + 1 == gap[g - 1].e)
            c->mention.end = last; /* the whole gap described the source */
    }
    if (!before && last > c->mention.end)
        c->mention.end = last;
}

/* The role a description gives the person an appositive names: "The union's general
 * secretary, Aivars Ozoliņš, said" makes him a general secretary (and a secretary). */
static void learn_role(ws_doc *d, const ws_tok *tk, size_t n, size_t ent, why *w)
{
    const ws_engine *e = d->eng;
    for (size_t j = 0; j < n; j++) {
        uint32_t ta = 0;
        long entry;
        size_t k = ws_match_list(d, e->titles, tk, n, j, &ta, &entry);
        if (!k || !(ta & e->a_role))
            continue;
        const char *role = e->titles->folded[entry], *sp = strrchr(role, ' ');
        char roles[128];
        snprintf(roles, sizeof roles, "%s%s%s", role, sp ? "|" : "", sp ? sp + 1 : "");
        if (ws_entity_note(&d->ents[ent], roles, NULL, WS_G_UNKNOWN, 0) == 0)
            note(w, "learned that '%s' is the %s", d->ents[ent].name, role);
        return;
    }
}

/* Paragraphs from the start where a byline may name an interviewer, and its length at most. */
#define BYLINE_PARAGRAPHS 12
#define BYLINE_BYTES 80

/* Whether the word `w` is in a short paragraph before `pos` that says "by" someone: "Interview
 * by Lena Moretti", "By Lena Moretti": the interviewer, whose turns are questions. */
static bool interviewer(const ws_doc *d, ws_tok w, size_t pos)
{
    const char *t = d->text;
    size_t n = w.e - w.s;
    for (size_t p = 0; p < d->nparas && p < BYLINE_PARAGRAPHS; p++) {
        ws_range r = d->paras[p].r;
        if (r.start >= pos)
            break;
        if (r.end - r.start > BYLINE_BYTES)
            continue;
        bool by = false, named = false;
        for (size_t i = r.start; i + 3 <= r.end; i++) {
            by = by || ((i == r.start || t[i - 1] == ' ') && (t[i] == 'b' || t[i] == 'B') &&
                        t[i + 1] == 'y' && t[i + 2] == ' ');
            named = named || (by && i + n <= r.end && !memcmp(t + i, t + w.s, n));
        }
        if (named)
            return true;
    }
    return false;
}

static bool is_this(const ws_doc *d, const ws_entity *en, const void *arg)
{
    (void)d;
    return en == arg;
}

/* A Q&A turn by a capitalized word ("Okoro: …") is a quotation of a person the article has
 * named before; else it is a label or a heading, and the interviewer's turns are questions. */
static bool keep_turn(ws_doc *d, ws_cand *c, const ws_tok *tk, size_t n, why *w)
{
    size_t ent = n == 1 ? ws_entity_for(d, tk, 1, WS_PERSON, WS_G_UNKNOWN, false) : WS_NONE;
    const ws_entity *en = ent == WS_NONE ? NULL : &d->ents[ent];
    if (!en || en->kind != WS_PERSON ||
        most_recent(d, c->mention.start, (size_t)(c - d->cands), (size_t)-1, is_this, en) ==
            WS_NONE) { /* named before, not only after: "Lynch: No outside influence …" heads
                        * a story */
        note(w, "'%.*s:' names nobody the article named: no turn", (int)(tk[0].e - tk[0].s),
             d->text + tk[0].s);
        c->dropped = true;
        return false;
    }
    if (interviewer(d, tk[0], c->content.start)) {
        note(w, "'%s' is the interviewer: a question", d->ents[ent].name);
        c->dropped = true;
        return false;
    }
    return true;
}

static void resolve_mention(ws_doc *d, size_t cur, why *w)
{
    const ws_engine *e = d->eng;
    ws_cand *c = &d->cands[cur];
    ws_tok tk[WS_MAX_TOKS];
    size_t n = ws_tokenize(d->text, c->mention.start, c->mention.end, tk, WS_MAX_TOKS);
    if (n == 0)
        return;
    if (c->answer && !strcmp(c->rule, "name_turn") && !keep_turn(d, c, tk, n, w))
        return;
    char surface[128];
    snprintf(surface, sizeof surface, "%.*s", (int)(c->mention.end - c->mention.start),
             d->text + c->mention.start);
    for (size_t i = 1; i + 1 < n; i++) {
        uint32_t pa = 0;
        if (ws_match_list(d, e->particles, tk, n, i, &pa, NULL) && (pa & e->a_joins) &&
            !ws_firm_ampersand(d, tk, n, i) && !ws_and_in_org_name(d, tk, n, i)) {
            note(w, "'%s' names more than one speaker", surface);
            return;
        }
    }
    bool found;
    uint32_t pattrs = ws_list_attrs_of(e->pronouns, d->text + tk[0].s, tk[0].e - tk[0].s, &found);
    if (n == 1 && found) {
        c->entity = pronoun(d, cur, pattrs, surface, w);
        return;
    }
    uint32_t oa = 0;
    if (n == 1 && ws_match_list(d, e->organizations, tk, 1, 0, &oa, NULL) == 1 &&
        (oa & e->a_head)) {
        char head[64]; /* "Police said" after "Ostmere Police named the man": that force */
        size_t k = ws_fold(d->text + tk[0].s, tk[0].e - tk[0].s, head, sizeof head - 1);
        head[k] = '\0';
        size_t org = most_recent(d, c->mention.start, cur, (size_t)-1, org_with_word, head);
        if (org != WS_NONE) {
            note(w, "'%s' is the organization '%s' named before", surface, d->ents[org].name);
            c->entity = org;
            return;
        }
    }
    bool done;
    size_t ent = description(d, cur, tk, n, w, &done);
    if (!done) {
        ent = name_mention(d, tk, n, w);
        ws_gender g = WS_G_UNKNOWN; /* the mention is the name, not "… of the fire service" */
        size_t end = ws_name_end(d, tk, ws_strip_titles(d, tk, n, NULL, 0, NULL, 0, &g), n);
        c->mention.end = tk[end - 1].e;
    } else {
        size_t named = appositive_name(d, cur, w);
        if (named != WS_NONE) {
            ent = named;
            learn_role(d, tk, n, named, w); /* "The union's general secretary, X," */
        }
        widen_unnamed(d, c); /* after resolution: the words describe, they do not name */
    }
    c->entity = ent;
}

/* Quotations of one multi-paragraph quotation share the speaker of whichever part has one. */
static size_t chain_speaker(const ws_doc *d, size_t cur)
{
    const ws_cand *c = &d->cands[cur];
    if (c->qspan == WS_NONE)
        return WS_NONE;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t i = cur;
        for (size_t steps = 0; steps < MAX_LOOK; steps++) { /* bounded: chains can be long */
            const ws_qspan *q = &d->qspans[d->cands[i].qspan];
            bool linked = dir < 0 ? q->continuation : q->open_ended;
            if (!linked)
                break;
            if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= d->ncands))
                break;
            i = (size_t)((long)i + dir);
            if (d->cands[i].qspan == WS_NONE)
                break;
            if (d->cands[i].has_mention)
                return i;
        }
    }
    return WS_NONE;
}

/* Title Case text ("The Lord of the Rings") is a title, not speech. */
static bool title_case(const ws_doc *d, ws_range r)
{
    size_t words = 0, caps = 0, i = r.start;
    bool in = false;
    while (i < r.end) {
        int32_t c = ws_utf8_next(d->text, r.end, &i);
        if (ws_is_space(c)) {
            in = false;
        } else if (!in && ws_is_letter(c)) {
            words++;
            caps += ws_is_upper(c);
            in = true;
        } else {
            in = true;
        }
    }
    return words > 0 && caps * 10 >= words * 7;
}

/* Whether paragraph p is a question of a Q&A ("Q: Does Bernie Sanders represent …?"): the
 * people it names are asked about, not asked. */
static bool question_turn(const ws_doc *d, size_t p)
{
    const char *t = d->text + d->paras[p].r.start;
    size_t n = d->paras[p].r.end - d->paras[p].r.start;
    return (n > 2 && t[0] == 'Q' && (t[1] == ':' || t[1] == '.')) ||
           (n > 9 && !memcmp(t, "QUESTION", 8) && (t[8] == ':' || t[8] == '.'));
}

/* The interviewee of a Q&A: the person the article names most often before the answer,
 * outside the questions. */
static size_t interviewee(const ws_doc *d, size_t pos, why *w)
{
    size_t best = WS_NONE, best_n = 0;
    struct tally {
        size_t entity, n;
    } count[MAX_LOOK]; /* the people of the window, with their mentions */
    size_t ncount = 0;
    size_t lo = first_mention_from(d, pos); /* the mentions before the answer, MAX_LOOK at most */
    size_t from = lo > MAX_LOOK ? lo - MAX_LOOK : 0;
    size_t p = from < lo ? ws_paragraph_at(d, d->mentions[from].r.start) : 0;
    for (size_t i = from; i < lo; i++) {
        while (p + 1 < d->nparas && d->mentions[i].r.start >= d->paras[p].r.end)
            p++; /* mentions are in order: walk the paragraphs along */
        size_t en = d->mentions[i].entity;
        if (en == WS_NONE || d->mentions[i].in_quote || d->ents[en].kind != WS_PERSON ||
            question_turn(d, p))
            continue;
        size_t k = 0;
        while (k < ncount && count[k].entity != en)
            k++;
        if (k == ncount)
            count[ncount++] = (struct tally){en, 0};
        if (++count[k].n >= best_n) /* ties go to the later mention */
            best = en, best_n = count[k].n;
    }
    if (best != WS_NONE)
        note(w, "answer of an interview: the person named most before it, '%s' (%zu times)",
             d->ents[best].name, best_n);
    else
        note(w, "answer of an interview with nobody named before it");
    return best;
}

/* Whether `w` opens a description of somebody: "the", "an", "one", "his"; not "that" or "this". */
static bool speaker_determiner(const ws_doc *d, ws_tok w)
{
    const ws_engine *e = d->eng;
    bool found;
    uint32_t a = ws_list_attrs_of(e->determiners, d->text + w.s, w.e - w.s, &found);
    return found && ((w.e - w.s == 3 && !memcmp(d->text + w.s, "the", 3)) ||
                     (a & (e->a_indefinite | e->a_possessive)));
}

/* Whether the sentence goes on after the quotation to say whose words they are, in words no frame
 * took for an attribution: "“…,” read one banner at the Kessin end.", "“…,” an angry Hollande
 * retaliated.", "“…,” his nephew added." A determiner or a cue right after the comma says so;
 * "“…,” which votes June 7" does not. */
static bool sentence_goes_on(const ws_doc *d, const ws_cand *c, const ws_qspan *q)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    size_t k = q->outer.end;
    if (k >= d->len)
        return false;
    /* the sentence the quotation ends in: it may have begun sentences before */
    size_t end = d->sents[ws_sentence_at(d, k)].r.end;
    bool comma = k < end && t[k] == ','; /* “…”, read … */
    for (size_t i = c->content.end; i < q->outer.end && !comma; i++)
        comma = t[i] == ','; /* “…,” read … */
    if (!comma || k >= end)
        return false;
    ws_tok tk[2]; /* two words fit in a bounded window: a nickname's quote mark could make the
                   * tokenizer read to the end of a long sentence */
    size_t n = ws_tokenize(t, k, end - k > 96 ? k + 96 : end, tk, 2), at = n ? tk[0].s : 0;
    if (n == 0 || !ws_is_lower(ws_utf8_next(t, tk[0].e, &at)))
        return false;
    if (ws_match_list(d, e->cues, tk, n, 0, NULL, NULL))
        return true; /* "“…,” said another user, J. Bayer" */
    /* "an angry Hollande", or a verb and its subject: "read one banner"; not "which the …" */
    size_t i = speaker_determiner(d, tk[0])                                      ? 0
               : n == 2 && !ws_match_list(d, e->stopwords, tk, n, 0, NULL, NULL) ? 1
                                                                                 : n;
    return i < n && speaker_determiner(d, tk[i]);
}

/* Whether a quotation is only a transcript's stage direction: "(CROSSTALK.)", "(LAUGHTER)". */
static bool stage_direction(const ws_doc *d, ws_range r)
{
    const char *t = d->text;
    size_t s = r.start, e = r.end;
    if (e - s < 3 || t[s] != '(' || (t[e - 1] != ')' && !(t[e - 1] == '.' && t[e - 2] == ')')))
        return false;
    for (size_t i = s + 1; i < e; i++)
        if (!(ws_is_upper((unsigned char)t[i]) || strchr(" .,)-", t[i])))
            return false;
    return true;
}

static void continue_speaker(ws_doc *d, size_t cur, why *w)
{
    ws_cand *c = &d->cands[cur];
    if (stage_direction(d, c->content)) {
        note(w, "a stage direction: no quotation");
        c->dropped = true;
        return;
    }
    size_t from = chain_speaker(d, cur);
    if (from != WS_NONE) {
        c->entity = d->cands[from].entity;
        c->rule = "multi-paragraph";
        note(w, "part of a quotation over several paragraphs");
        return;
    }
    const ws_qspan *q = &d->qspans[c->qspan];
    size_t k = q->outer.start; /* "a banner carried a single line: “…”": the sentence says who */
    for (size_t sp; k > 0 && (sp = ws_space_before(d->text, 0, k));)
        k -= sp;
    bool after_colon = k > d->sents[c->sentence].r.start && d->text[k - 1] == ':';
    if (after_colon && q->words >= MIN_UNATTRIBUTED_WORDS) {
        note(w, "introduced by a colon without a cue: unattributed");
        return;
    }
    size_t prev = cur, directions = 0; /* stage directions between do not count as paragraphs */
    while (prev > 0 && d->cands[prev - 1].dropped && cur - prev < MAX_LOOK)
        directions += stage_direction(d, d->cands[--prev].content);
    /* a quotation inside a sentence of its own ("A banner read “…”") is not someone going on */
    bool starts_sentence = d->sents[c->sentence].r.start == q->outer.start;
    if (prev > 0 &&
        c->paragraph - d->cands[prev - 1].paragraph <= CONTINUATION_REACH + directions &&
        starts_sentence && !title_case(d, c->content) && !sentence_goes_on(d, c, q)) {
        const ws_cand *p = &d->cands[prev - 1];
        c->entity = p->entity;
        c->rule = "continuation";
        note(w, "no cue: continues the quotation before it");
        return;
    }
    if (q->words >= MIN_UNATTRIBUTED_WORDS && !title_case(d, c->content)) {
        note(w, "no cue and no quotation before it: unattributed");
        return;
    }
    c->dropped = true; /* scare quotes, titles, nicknames */
}

/* "rule R; steps...; speaker S": the rule last set on the quotation comes first. */
static int finish(ws_cand *c, const ws_doc *d, const why *w)
{
    const char *who = c->entity != WS_NONE ? d->ents[c->entity].name : NULL;
    size_t cap = w->n + strlen(c->rule) + (who ? strlen(who) : 0) + 40;
    free(c->explain);
    if (!(c->explain = malloc(cap)))
        return WS_ERR_NOMEM;
    snprintf(c->explain, cap, "rule %s; %s; %s%s%s", c->rule, w->buf, who ? "speaker '" : "",
             who ? who : "speaker unknown", who ? "'" : "");
    return 0;
}

int ws_resolve(ws_doc *d)
{
    /* first the quotations with a mention, so that continuations can look both ways */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < d->ncands; i++) {
            ws_cand *c = &d->cands[i];
            if (c->dropped || c->has_mention != (pass == 0))
                continue;
            why w = {{0}, 0};
            if (pass == 0)
                resolve_mention(d, i, &w);
            else if (c->answer)
                c->entity = interviewee(d, c->content.start, &w);
            else if (c->type == WS_DIRECT)
                continue_speaker(d, i, &w);
            if (!c->dropped && finish(c, d, &w))
                return WS_ERR_NOMEM;
        }
    }
    return 0;
}
