/* Literal pre-filters: strings one of which every match of a frame must contain, found by reading
 * its expanded pattern, so that a frame is not run on text that holds none of them.
 *
 * The reading is conservative: whatever it does not understand requires nothing, and a frame
 * with a construct that could end a match early or change the syntax ((*ACCEPT), \Q, option
 * settings other than i) gets no filter at all. Strings are kept in ASCII lower case and
 * compared so; in a caseless part a non-ASCII character ends a string, and k and s also match
 * the Kelvin sign and the long s, their other case partners in PCRE2. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A set of strings: a match holds one of them (`req`) or is exactly one of them (`exact`). */
#define SET_MAX 96 /* more strings: the set says nothing (and would cost more to check) */
#define STR_MAX 32
typedef struct set {
    bool valid;
    size_t n;
    char s[SET_MAX][STR_MAX];
} set;

/* What is known of a piece of pattern: the finite language it matches, when small, and sets of
 * strings each of which it must contain one of. */
#define REQ_MAX WS_PREFILTER_SETS
typedef struct info {
    set exact;
    set req[REQ_MAX];
    size_t nreq;
} info;

/* Groups nested in groups and calls, at most (the shipped patterns reach 17): each level takes
 * a few hundred bytes of stack, its sets being on the heap. */
#define MAX_DEPTH 50

typedef struct named {
    const char *name;
    size_t name_len;
    size_t body, end; /* offsets of the group's body and of its closing parenthesis */
    bool caseless;
    int state;    /* 0 not read, 1 being read (recursion: nothing known), 2 read */
    info *result; /* owned by the memo */
} named;

/* Groups already read for an earlier frame: every frame's pattern holds its own copy of the
 * macros and lists it uses, the same text each time. */
typedef struct memo_entry {
    char *text; /* name, NUL, body */
    size_t name_len, body_len;
    bool caseless, failed;
    info *result;
} memo_entry;

struct ws_prefilter_memo {
    memo_entry *v;
    size_t n, cap;
};

typedef struct reader {
    const char *p;
    size_t len;
    size_t i;
    bool failed; /* a construct that voids the whole analysis */
    named *groups;
    size_t ngroups;
    unsigned depth;
    ws_prefilter_memo *memo;
} reader;

static void memo_clear(ws_prefilter_memo *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].text);
        free(m->v[i].result);
    }
    m->n = 0;
}

void ws_prefilter_memo_free(ws_prefilter_memo *m)
{
    if (!m)
        return;
    memo_clear(m);
    free(m->v);
    free(m);
}

static bool memo_names(const memo_entry *e, const named *g)
{
    return e->name_len == g->name_len && !memcmp(e->text, g->name, g->name_len);
}

static bool memo_holds(const memo_entry *e, const reader *r, const named *g)
{
    size_t body_len = g->end - g->body;
    return memo_names(e, g) && e->body_len == body_len && e->caseless == g->caseless &&
           !memcmp(e->text + g->name_len + 1, r->p + g->body, body_len);
}

static memo_entry *memo_find(ws_prefilter_memo *m, const reader *r, const named *g)
{
    for (size_t i = 0; i < m->n; i++)
        if (memo_holds(&m->v[i], r, g))
            return &m->v[i];
    return NULL;
}

static named *find_group(const reader *r, const char *name, size_t n)
{
    for (size_t i = 0; i < r->ngroups; i++)
        if (r->groups[i].name_len == n && !memcmp(r->groups[i].name, name, n))
            return &r->groups[i];
    return NULL;
}

/* What the memo knows of a group also depends on the groups it calls, which are not in its key:
 * when this pattern gives a name another body or case than the memo knows, the memo is
 * forgotten. (The shipped patterns all expand the same definitions.) */
static void memo_forget_redefined(ws_prefilter_memo *m, const reader *r)
{
    for (size_t k = 0; k < r->ngroups; k++) {
        const named *g = &r->groups[k];
        if (find_group(r, g->name, g->name_len) != g)
            continue; /* calls go to the first group of a name */
        for (size_t i = 0; i < m->n; i++) {
            if (memo_names(&m->v[i], g) && !memo_holds(&m->v[i], r, g)) {
                memo_clear(m);
                return;
            }
        }
    }
}

static void info_none(info *x)
{
    x->exact.valid = false;
    x->nreq = 0;
}

static void info_empty(info *x)
{
    x->exact.valid = true;
    x->exact.n = 1;
    x->exact.s[0][0] = '\0';
    x->nreq = 0;
}

static bool set_has(const set *s, const char *t)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->s[i], t))
            return true;
    return false;
}

static bool set_add(set *s, const char *t)
{
    if (set_has(s, t))
        return true;
    if (s->n == SET_MAX || strlen(t) >= STR_MAX)
        return false;
    strcpy(s->s[s->n++], t);
    return true;
}

/* a x b: every string of a followed by one of b; invalid when too many or too long. */
static void set_product(set *out, const set *a, const set *b)
{
    out->valid = a->valid && b->valid;
    out->n = 0;
    for (size_t i = 0; out->valid && i < a->n; i++) {
        size_t an = strlen(a->s[i]);
        for (size_t k = 0; out->valid && k < b->n; k++) {
            size_t bn = strlen(b->s[k]);
            char t[2 * STR_MAX];
            memcpy(t, a->s[i], an);
            memcpy(t + an, b->s[k], bn + 1);
            out->valid = set_add(out, t);
        }
    }
}

static void set_empty_string(set *s)
{
    s->valid = true;
    s->n = 1;
    s->s[0][0] = '\0';
}

/* How much a requirement tells: long strings, few of them. Sets holding "" tell nothing. */
static int set_score(const set *s)
{
    if (!s->valid || s->n == 0)
        return -1;
    size_t shortest = STR_MAX;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->s[i]) < shortest)
            shortest = strlen(s->s[i]);
    if (shortest < 2)
        return -1;
    int bits = 0;
    while ((1u << bits) < s->n)
        bits++;
    return (int)shortest * 4 - bits;
}

/* Adds requirement s to x, keeping the REQ_MAX best. */
static void add_req(info *x, const set *s)
{
    int score = set_score(s);
    if (score < 0)
        return;
    for (size_t i = 0; i < x->nreq; i++) { /* the same set twice tells nothing more */
        bool same = x->req[i].n == s->n;
        for (size_t k = 0; same && k < s->n; k++)
            same = set_has(&x->req[i], s->s[k]);
        if (same)
            return;
    }
    if (x->nreq < REQ_MAX) {
        x->req[x->nreq++] = *s;
        return;
    }
    size_t worst = 0;
    for (size_t i = 1; i < x->nreq; i++)
        if (set_score(&x->req[i]) < set_score(&x->req[worst]))
            worst = i;
    if (set_score(&x->req[worst]) < score)
        x->req[worst] = *s;
}

static const set *best_req(const info *x)
{
    const set *best = NULL;
    for (size_t i = 0; i < x->nreq; i++)
        if (!best || set_score(&x->req[i]) > set_score(best))
            best = &x->req[i];
    return best;
}

/* ---- reading the pattern ------------------------------------------------------------------ */

static void read_alt(reader *r, bool caseless, info *out);

static bool is_pattern_space(const reader *r)
{
    char c = r->p[r->i];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Spaces, # comments and comment groups are nothing in extended mode, even between an atom and
 * its quantifier. */
static void skip_ignored(reader *r)
{
    while (r->i < r->len) {
        if (is_pattern_space(r)) {
            r->i++;
        } else if (r->p[r->i] == '#') {
            while (r->i < r->len && r->p[r->i] != '\n')
                r->i++;
        } else if (!strncmp(r->p + r->i, "(?#", 3)) {
            while (r->i < r->len && r->p[r->i] != ')')
                r->i++;
            r->i++;
        } else if ((unsigned char)r->p[r->i] == 0xC2 && r->i + 1 < r->len &&
                   (unsigned char)r->p[r->i + 1] == 0x85) {
            r->i += 2; /* NEL */
        } else if ((unsigned char)r->p[r->i] == 0xE2 && r->i + 2 < r->len &&
                   (unsigned char)r->p[r->i + 1] == 0x80 &&
                   ((unsigned char)r->p[r->i + 2] == 0x8E ||
                    (unsigned char)r->p[r->i + 2] == 0x8F ||
                    (unsigned char)r->p[r->i + 2] == 0xA8 ||
                    (unsigned char)r->p[r->i + 2] == 0xA9)) {
            r->i += 3; /* LRM, RLM, LS, PS: Pattern_White_Space too */
        } else {
            break;
        }
    }
}

/* Skips a character class; r->i is at its '['. */
static void skip_class(reader *r)
{
    r->i++;
    if (r->i < r->len && r->p[r->i] == '^')
        r->i++;
    if (r->i < r->len && r->p[r->i] == ']')
        r->i++; /* a leading ] is literal */
    while (r->i < r->len && r->p[r->i] != ']') {
        if (r->p[r->i] == '\\') {
            r->i++;
            if (r->i < r->len && r->p[r->i] == 'Q') {
                r->failed = true;
                return;
            }
            if (r->i + 1 < r->len && r->p[r->i + 1] == '{') {
                while (r->i < r->len && r->p[r->i] != '}')
                    r->i++;
            }
        } else if (r->p[r->i] == '[' && r->i + 1 < r->len && r->p[r->i + 1] == ':') {
            const char *e = strstr(r->p + r->i + 2, ":]");
            if (e)
                r->i = (size_t)(e - r->p) + 1;
        }
        r->i++;
    }
    if (r->i >= r->len)
        r->failed = true;
    else
        r->i++;
}

/* Reads a number at p[*j], if any, into *n. */
static bool read_number(const reader *r, size_t *j, unsigned long *n)
{
    size_t from = *j;
    for (*n = 0; *j < r->len && r->p[*j] >= '0' && r->p[*j] <= '9'; ++*j)
        *n = *n * 10 + (unsigned long)(r->p[*j] - '0');
    return *j > from;
}

/* Reads a quantifier at r->i, if any: its minimum and maximum (ULONG_MAX: unbounded), and
 * whether there was one. A brace that is not {n}, {n,} or {n,m} is literal text to PCRE2 10.42
 * but "{,n}" and "{ n }" are quantifiers to later versions: it voids the filter. */
static bool read_quantifier(reader *r, unsigned long *min, unsigned long *max)
{
    skip_ignored(r);
    if (r->i >= r->len)
        return false;
    char c = r->p[r->i];
    if (c == '?' || c == '*' || c == '+') {
        *min = c == '+' ? 1 : 0;
        *max = c == '?' ? 1 : ULONG_MAX;
        r->i++;
    } else if (c == '{') {
        size_t j = r->i + 1;
        bool strict = read_number(r, &j, min);
        *max = *min;
        if (strict && j < r->len && r->p[j] == ',') {
            j++;
            if (!read_number(r, &j, max))
                *max = ULONG_MAX;
        }
        if (!strict || j >= r->len || r->p[j] != '}') {
            r->failed = true;
            return false;
        }
        r->i = j + 1;
    } else {
        return false;
    }
    if (r->i < r->len && (r->p[r->i] == '?' || r->p[r->i] == '+'))
        r->i++;
    return true;
}

static void apply_quantifier(info *x, unsigned long min, unsigned long max)
{
    if (min == 0) { /* x? : "" or what x matches; x*, x{0,3}: nothing is known of the repeats */
        x->exact.valid = max == 1 && x->exact.valid && set_add(&x->exact, "");
        x->nreq = 0;
        return;
    }
    if (x->exact.valid) /* x+, x{2} etc.: x at least once, then more of it */
        add_req(x, &x->exact);
    x->exact.valid = false;
}

/* A subroutine call: what the named group's body requires. */
static void call_group(reader *r, const char *name, size_t n, info *out)
{
    named *g = find_group(r, name, n);
    info_none(out);
    if (!g || g->state == 1)
        return;
    if (r->depth + 1 > MAX_DEPTH) {
        r->failed = true;
        return;
    }
    if (g->state == 0) {
        memo_entry *e = memo_find(r->memo, r, g);
        if (!e) {
            if (ws_grow(&r->memo->v, &r->memo->cap, r->memo->n + 1, sizeof *r->memo->v)) {
                r->failed = true;
                return;
            }
            e = &r->memo->v[r->memo->n];
            size_t body_len = g->end - g->body;
            *e = (memo_entry){
                malloc(g->name_len + 1 + body_len), g->name_len, body_len, g->caseless, false,
                malloc(sizeof *e->result)};
            if (!e->text || !e->result) {
                free(e->text);
                free(e->result);
                r->failed = true;
                return;
            }
            r->memo->n++;
            info_none(e->result); /* what is known while it is being read */
            memcpy(e->text, g->name, g->name_len);
            e->text[g->name_len] = '\0';
            memcpy(e->text + g->name_len + 1, r->p + g->body, body_len);
            g->state = 1;
            reader sub = *r;
            sub.i = g->body;
            sub.depth = r->depth + 1;
            size_t at = (size_t)(e - r->memo->v); /* the groups it calls may move the memo */
            read_alt(&sub, g->caseless, e->result);
            e = &r->memo->v[at];
            e->failed = sub.failed;
        }
        g->result = e->result;
        g->state = 2;
        if (e->failed)
            r->failed = true;
    }
    *out = *g->result;
}

/* Moves r->i past the ')' that closes the group it is in, over nested groups, classes, escapes
 * and comments: the (?(DEFINE)…) block is read group by group, when a frame calls them. */
static void skip_to_close(reader *r)
{
    size_t depth = 1;
    while (r->i < r->len && !r->failed) {
        char c = r->p[r->i];
        if (c == '\\') {
            r->i += 2;
        } else if (c == '[') {
            skip_class(r);
        } else if (c == '#') {
            while (r->i < r->len && r->p[r->i] != '\n')
                r->i++;
        } else if (!strncmp(r->p + r->i, "(?#", 3)) { /* a comment group ends at its ')' */
            while (r->i < r->len && r->p[r->i] != ')')
                r->i++;
            r->i++;
        } else {
            r->i++;
            if (c == '(')
                depth++;
            else if (c == ')' && --depth == 0)
                return;
        }
    }
    r->failed = true;
}

/* Reads a group after its '('; r->i is at the character after it. */
static void read_group(reader *r, bool caseless, info *out)
{
    info_none(out);
    const char *p = r->p;
    size_t i = r->i;
    bool consuming = true, inner_caseless = caseless;
    if (i < r->len && p[i] == '*') {
        if (!strncmp(p + i, "*FAIL)", 6) || !strncmp(p + i, "*F)", 3)) {
            r->i = (size_t)(strchr(p + i, ')') - p) + 1;
            info_empty(out); /* never matches: any requirement holds */
            return;
        }
        r->failed = true; /* (*ACCEPT) and other verbs: matches may end early */
        return;
    }
    if (i < r->len && p[i] == '?') {
        i++;
        if (p[i] == ':' || p[i] == '|' || p[i] == '>') {
            i++;
        } else if (p[i] == '=' || p[i] == '!') {
            consuming = false, i++;
        } else if (p[i] == '<' && (p[i + 1] == '=' || p[i + 1] == '!')) {
            consuming = false, i += 2;
        } else if (p[i] == '<' || p[i] == '\'' || (p[i] == 'P' && p[i + 1] == '<')) {
            i += p[i] == 'P' ? 2 : 1; /* a named group: its name, then the body */
            while (i < r->len && p[i] != '>' && p[i] != '\'')
                i++;
            i++;
        } else if (p[i] == '&' || (p[i] == 'P' && p[i + 1] == '>')) {
            size_t s = i + (p[i] == '&' ? 1 : 2), e = s;
            while (e < r->len && p[e] != ')')
                e++;
            r->i = e + 1;
            call_group(r, p + s, e - s, out);
            return;
        } else if (p[i] == '(') {
            r->i = i; /* (?(DEFINE)…) and conditionals: nothing required of them */
            skip_to_close(r);
            info_none(out);
            return;
        } else if (p[i] == 'i' && (p[i + 1] == ':' || p[i + 1] == ')')) {
            inner_caseless = true;
            if (p[i + 1] == ')') { /* (?i) applies to the rest of the enclosing group */
                r->failed = true;
                return;
            }
            i += 2;
        } else {
            r->failed = true; /* recursion, numbered calls, other options */
            return;
        }
    }
    r->i = i;
    if (++r->depth > MAX_DEPTH) {
        r->failed = true; /* deeper than any shipped pattern: no filter rather than a deep stack */
        return;
    }
    read_alt(r, inner_caseless, out);
    r->depth--;
    if (r->i >= r->len || r->p[r->i] != ')') {
        r->failed = true;
        return;
    }
    r->i++;
    if (!consuming)
        info_empty(out); /* a lookaround consumes nothing */
}

/* Moves r->i past up to max characters of `digits`. */
static void skip_digits(reader *r, const char *digits, int max)
{
    for (int k = 0; k < max && r->i < r->len && r->p[r->i] && strchr(digits, r->p[r->i]); k++)
        r->i++;
}

/* Reads an escape after its '\'; a literal character goes to lit (and *lit_len), anything else
 * to out. Returns whether it was a literal. r->p is NUL-terminated, so r->p[r->len] is read. */
static bool read_escape(reader *r, char *lit, size_t *lit_len, info *out)
{
    char c = r->p[r->i++];
    const char *next = r->p + r->i;
    info_none(out); /* what an escape other than a literal matches: unknown */
    if (c && strchr("bBAzZGK", c)) {
        info_empty(out); /* assertions, and \K, consume nothing */
        return false;
    }
    if (c >= '1' && c <= '9') {
        r->failed = true; /* back references: give up */
        return false;
    }
    if ((c && strchr("pPxo", c) && *next == '{') || (c == 'N' && !strncmp(next, "{U+", 3))) {
        while (r->i < r->len && r->p[r->i] != '}')
            r->i++;
        r->i++; /* \x{hh..}, \N{U+hh..}, \p{L} */
    } else if (c == 'x') {
        skip_digits(r, "0123456789abcdefABCDEF", 2); /* \xhh, \xh, \x */
    } else if (c == '0') {
        skip_digits(r, "01234567", 2); /* \0oo */
    } else if (c == 'p' || c == 'P') {
        r->i++; /* \pL */
    } else if (!c || !strchr("hHsSdDwWvVRXNCntrfea", c)) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80) {
            r->failed = true; /* \Q, \g, \k, \c and the rest */
            return false;
        }
        lit[0] = c;
        *lit_len = 1;
        return true;
    }
    return false;
}

/* Reads one atom (a character, escape, class or group, without its quantifier) into atom. */
static void read_atom(reader *r, bool caseless, info *atom)
{
    char lit[8];
    size_t lit_len = 0;
    unsigned char c = (unsigned char)r->p[r->i];
    if (c == '(') {
        r->i++;
        read_group(r, caseless, atom);
    } else if (c == '[') {
        skip_class(r);
        info_none(atom);
    } else if (c == '.') {
        r->i++;
        info_none(atom);
    } else if (c == '^' || c == '$') {
        r->i++;
        info_empty(atom);
    } else if (c == '{') {
        r->failed = true; /* a brace that does not follow an atom: see read_quantifier */
    } else if (c == '\\') {
        r->i++;
        if (r->i >= r->len)
            r->failed = true;
        else
            read_escape(r, lit, &lit_len, atom);
    } else {
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        memcpy(lit, r->p + r->i, n);
        lit_len = n;
        r->i += n;
    }
    if (r->failed || !lit_len)
        return;
    /* a literal character: exact, unless case folds it to other bytes or it is a NUL (which
     * would end the string) */
    lit[lit_len] = '\0';
    if ((caseless && lit_len > 1) || !lit[0]) {
        info_none(atom);
        return;
    }
    lit[0] = (char)(lit[0] >= 'A' && lit[0] <= 'Z' ? lit[0] + 32 : lit[0]);
    info_empty(atom);
    strcpy(atom->exact.s[0], lit);
}

/* What read_seq keeps while it reads: on the heap, as it lives across the nested groups, and a
 * pattern may be read on a thread with a small stack. */
typedef struct seq_state {
    info atom;
    set run; /* exact text consumed since the last unknown piece */
    set joined;
} seq_state;

/* Reads one concatenation, up to '|' or ')' or the end. */
static void read_seq(reader *r, bool caseless, info *out)
{
    info_empty(out);
    seq_state *st = malloc(sizeof *st);
    if (!st) {
        r->failed = true;
        return;
    }
    info *atom = &st->atom;
    set *run = &st->run, *joined = &st->joined;
    set_empty_string(run);
    while (!r->failed) {
        skip_ignored(r);
        if (r->i >= r->len || r->p[r->i] == '|' || r->p[r->i] == ')')
            break;
        read_atom(r, caseless, atom);
        if (r->failed)
            break;
        unsigned long min;
        unsigned long max = 0;
        if (read_quantifier(r, &min, &max))
            apply_quantifier(atom, min, max);
        for (size_t k = 0; k < atom->nreq; k++)
            add_req(out, &atom->req[k]);
        if (atom->exact.valid) {
            if (run->n == 1 && run->s[0][0] == '\0') { /* the product with "" is the set */
                *run = atom->exact;
                continue;
            }
            if (atom->exact.n == 1 && atom->exact.s[0][0] == '\0')
                continue;
            set_product(joined, run, &atom->exact);
            if (joined->valid) {
                *run = *joined;
                continue;
            }
        }
        add_req(out, run); /* the run ends here */
        out->exact.valid = false;
        if (atom->exact.valid) {
            add_req(out, &atom->exact);
            *run = atom->exact;
        } else {
            set_empty_string(run);
        }
    }
    if (out->exact.valid)
        out->exact = *run;
    else
        add_req(out, run);
    free(st);
}

/* Strings gathered from the branches of an alternation, before they are cut to fit a set. */
#define POOL_MAX 1024
typedef struct pool {
    bool valid;
    size_t n;
    char (*s)[STR_MAX];
} pool;

static void pool_add(pool *p, const set *s)
{
    if (!s) {
        p->valid = false;
        return;
    }
    for (size_t k = 0; p->valid && k < s->n; k++) {
        if (p->n == POOL_MAX)
            p->valid = false;
        else
            strcpy(p->s[p->n++], s->s[k]);
    }
}

/* The pool as a set; when it holds too many strings, their prefixes (a text holding a string
 * holds its prefix), as long as the set fits, down to 3 bytes. */
static void pool_cut(const pool *p, size_t cut, set *r)
{
    r->valid = p->valid;
    r->n = 0;
    for (size_t k = 0; r->valid && k < p->n; k++) {
        char t[STR_MAX];
        size_t n = strlen(p->s[k]);
        n = n < cut ? n : cut;
        memcpy(t, p->s[k], n);
        t[n] = '\0';
        r->valid = set_add(r, t);
    }
}

static void pool_set(const pool *p, set *r)
{
    pool_cut(p, STR_MAX - 1, r);
    if (r->valid || !p->valid)
        return;
    size_t lo = 3, hi = STR_MAX - 1; /* the longest cut that fits: fewer strings when shorter */
    pool_cut(p, lo, r);
    if (!r->valid)
        return;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        pool_cut(p, mid, r);
        if (r->valid)
            lo = mid;
        else
            hi = mid;
    }
    pool_cut(p, lo, r);
}

/* What read_alt keeps while it reads the branches (on the heap, as for read_seq). */
typedef struct alt_state {
    info next;
    set u;
    char any[POOL_MAX][STR_MAX];
} alt_state;

static void read_alt(reader *r, bool caseless, info *out)
{
    read_seq(r, caseless, out);
    if (r->failed || r->i >= r->len || r->p[r->i] != '|')
        return;
    alt_state *st = malloc(sizeof *st);
    if (!st) {
        r->failed = true;
        return;
    }
    /* branches: the union of what each is exactly, or of the best string set each holds */
    pool any = {.valid = true, .s = st->any};
    pool_add(&any, out->exact.valid ? &out->exact : best_req(out));
    out->nreq = 0;
    info *next = &st->next;
    while (!r->failed && r->i < r->len && r->p[r->i] == '|') {
        r->i++;
        read_seq(r, caseless, next);
        set *exact = &out->exact;
        for (size_t k = 0; exact->valid && k < next->exact.n; k++)
            exact->valid = next->exact.valid && set_add(exact, next->exact.s[k]);
        exact->valid = exact->valid && next->exact.valid;
        pool_add(&any, next->exact.valid ? &next->exact : best_req(next));
    }
    pool_set(&any, &st->u);
    add_req(out, &st->u);
    free(st);
}

/* Whether the group opening at p sets options other than (?i: ("(?x)", "(?i)", "(?-i:"…), that
 * find_groups would not carry to the named groups after it. (?R) is taken for one too. */
static bool sets_other_options(const char *p)
{
    size_t j = 2;
    if (p[1] != '?')
        return false;
    while ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z') || p[j] == '^' ||
           p[j] == '-')
        j++;
    return j > 2 && (p[j] == ':' || p[j] == ')') && strncmp(p, "(?i:", 4);
}

/* Finds the named groups ("(?<name>", "(?'name'", "(?P<name>") outside classes, escapes and
 * comments, and whether each lies inside a (?i: group. Options set any other way, and \Q (which
 * would hide parentheses), give up: -1. */
static int find_groups(reader *r)
{
    size_t cap = 0;
    bool caseless[MAX_DEPTH + 1] = {false};
    size_t group_at[MAX_DEPTH + 1]; /* the named group each open parenthesis starts, or -1 */
    group_at[0] = (size_t)-1;
    size_t depth = 0;
    for (size_t i = 0; i < r->len; i++) {
        char c = r->p[i];
        if (c == '\\') {
            if (r->p[++i] == 'Q')
                return -1;
            continue;
        }
        if (c == '[') {
            reader t = *r;
            t.i = i;
            skip_class(&t);
            if (t.failed)
                return -1;
            i = t.i - 1;
            continue;
        }
        if (c == '#') { /* a comment runs to the end of the line */
            while (i < r->len && r->p[i] != '\n')
                i++;
            continue;
        }
        if (!strncmp(r->p + i, "(?#", 3)) { /* so does a comment group, to its ')' */
            while (i < r->len && r->p[i] != ')')
                i++;
            continue;
        }
        if (c == ')') {
            if (depth == 0)
                return -1;
            if (group_at[depth] != (size_t)-1)
                r->groups[group_at[depth]].end = i;
            depth--;
            continue;
        }
        if (c != '(')
            continue;
        if (depth == MAX_DEPTH || sets_other_options(r->p + i))
            return -1;
        depth++;
        group_at[depth] = (size_t)-1;
        caseless[depth] = caseless[depth - 1] || !strncmp(r->p + i, "(?i:", 4);
        if (i + 3 >= r->len || r->p[i + 1] != '?')
            continue;
        size_t s = i + 2;
        if (r->p[s] == 'P' && r->p[s + 1] == '<')
            s++;
        if ((r->p[s] != '<' && r->p[s] != '\'') || r->p[s + 1] == '=' || r->p[s + 1] == '!')
            continue;
        size_t e = ++s;
        while (e < r->len && r->p[e] != '>' && r->p[e] != '\'')
            e++;
        if (e >= r->len)
            return -1;
        if (ws_grow(&r->groups, &cap, r->ngroups + 1, sizeof *r->groups))
            return -1;
        group_at[depth] = r->ngroups;
        r->groups[r->ngroups++] = (named){r->p + s, e - s, e + 1, e + 1, caseless[depth], 0, NULL};
    }
    return depth == 0 ? 0 : -1;
}

/* Whether a set is worth checking: strings of 3 bytes or more (shorter ones are everywhere), and
 * not so many that the check costs what the match would. */
static bool useful(const set *s)
{
    if (!s->valid || s->n == 0 || s->n > SET_MAX)
        return false;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->s[i]) < 3)
            return false;
    return true;
}

/* The useful requirements of top as string sets in sets[]: their number, or WS_ERR_NOMEM. */
static int sets_of(info *top, ws_literals **sets)
{
    if (top->exact.valid) {
        top->nreq = 0;
        add_req(top, &top->exact);
    }
    int n = 0;
    for (size_t k = 0; k < top->nreq; k++) {
        set *s = &top->req[k];
        size_t kept = 0; /* a text holding "accused" holds "accuse": the shorter suffices */
        for (size_t i = 0; i < s->n; i++) {
            bool covered = false;
            for (size_t j = 0; j < s->n && !covered; j++)
                covered = j != i && strstr(s->s[i], s->s[j]) &&
                          (strlen(s->s[j]) < strlen(s->s[i]) || j < i);
            if (!covered)
                memmove(s->s[kept++], s->s[i], STR_MAX);
        }
        s->n = kept;
        if (!useful(s))
            continue;
        const char *strings[SET_MAX];
        for (size_t i = 0; i < s->n; i++)
            strings[i] = s->s[i];
        ws_literals *v = ws_literals_new(strings, s->n);
        if (!v) {
            while (n > 0)
                free(sets[--n]);
            return WS_ERR_NOMEM;
        }
        sets[n++] = v;
    }
    return n;
}

/* The pre-filter of the pattern `p` (expanded, extended mode): up to WS_PREFILTER_SETS sets of
 * strings, each a NUL-separated list ending in an empty string, such that every match holds a
 * string of every set. Returns their number (0: no useful filter), or WS_ERR_NOMEM. */
int ws_prefilter_make(const char *p, size_t len, ws_literals **sets, ws_prefilter_memo **memo)
{
    if (!*memo && !(*memo = calloc(1, sizeof **memo)))
        return WS_ERR_NOMEM;
    info *top = malloc(sizeof *top); /* on the heap: see seq_state */
    if (!top)
        return WS_ERR_NOMEM;
    reader r = {.p = p, .len = len, .memo = *memo};
    int rc = find_groups(&r);
    if (rc == 0) {
        memo_forget_redefined(r.memo, &r);
        read_alt(&r, false, top);
        if (r.i != r.len)
            r.failed = true;
    }
    free(r.groups);
    int n = rc || r.failed ? 0 : sets_of(top, sets);
    free(top);
    return n;
}

static char lower(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* The length of the text at s[i..len) that string t matches, or 0. */
static size_t match_at(const char *s, size_t i, size_t len, const char *t)
{
    size_t j = i;
    for (; *t; t++) {
        if (j < len && lower(s[j]) == *t)
            j++;
        else if (*t == 's' && j + 1 < len && !memcmp(s + j, "\xC5\xBF", 2))
            j += 2; /* long s */
        else if (*t == 'k' && j + 2 < len && !memcmp(s + j, "\xE2\x84\xAA", 3))
            j += 3; /* Kelvin sign */
        else
            return 0;
    }
    return j - i;
}

struct ws_literals {
    bool first[256]; /* the bytes a string can start with, either case, and the lead bytes of the
                      * long s and the Kelvin sign */
    size_t n;
    const char **s;
};

ws_literals *ws_literals_new(const char *const *strings, size_t n)
{
    size_t text = 0;
    for (size_t i = 0; i < n; i++)
        text += strlen(strings[i]) + 1;
    ws_literals *l = malloc(sizeof *l + n * sizeof *l->s + text);
    if (!l)
        return NULL;
    memset(l->first, 0, sizeof l->first);
    l->n = n;
    l->s = (const char **)(l + 1);
    char *w = (char *)(l->s + n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(strings[i]);
        char *t = memcpy(w, strings[i], len + 1);
        for (size_t k = 0; k < len; k++)
            t[k] = lower(t[k]);
        l->s[i] = t;
        w += len + 1;
        unsigned char c = (unsigned char)t[0];
        l->first[c] = true;
        if (c >= 'a' && c <= 'z')
            l->first[c - 32] = true;
        if (c == 's')
            l->first[0xC5] = true;
        if (c == 'k')
            l->first[0xE2] = true;
    }
    return l;
}

bool ws_literals_found(const ws_literals *l, const char *s, size_t from, size_t len)
{
    for (size_t i = from; i < len; i++) {
        if (!l->first[(unsigned char)s[i]])
            continue;
        for (size_t k = 0; k < l->n; k++)
            if (match_at(s, i, len, l->s[k]))
                return true;
    }
    return false;
}

size_t ws_literals_count(const ws_literals *l)
{
    return l->n;
}

const char *ws_literals_string(const ws_literals *l, size_t i)
{
    return l->s[i];
}
