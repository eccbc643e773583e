/* Private structures shared by the stages of the pipeline. Not installed. */
#ifndef WS_INTERNAL_H
#define WS_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "whosaid.h"

/* ---- small helpers (util.c) ---------------------------------------------------------- */

/* Grows *ptr (an array of `elem`-byte items with capacity *cap) to hold `need` items.
 * Returns 0, or -1 when out of memory (the array is left as it was). */
int ws_grow(void *ptr, size_t *cap, size_t need, size_t elem);
char *ws_strndup(const char *s, size_t n);
/* Fills err (when not NULL) and returns code. */
int ws_fail(ws_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int ws_fail_at(ws_error *err, int code, const char *file, unsigned line, unsigned column,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* A byte range [start, end) of the document. */
typedef struct ws_range {
    size_t start, end;
} ws_range;

/* ---- text.c: UTF-8, case folding, offsets --------------------------------------------- */

/* Returns the byte offset of the first invalid sequence, or (size_t)-1 when `s` is valid. */
size_t ws_utf8_invalid_at(const char *s, size_t len);
/* Decodes the code point at s[*i] (valid UTF-8 assumed) and advances *i. */
int32_t ws_utf8_next(const char *s, size_t len, size_t *i);
/* Decodes the code point that ends just before s[i]; sets *start to its first byte. */
int32_t ws_utf8_prev(const char *s, size_t i, size_t *start);
/* Folds case (and typographic apostrophes to ') into out; returns the length, or cap when
 * the folded text would not fit. */
size_t ws_fold(const char *s, size_t len, char *out, size_t cap);
bool ws_is_space(int32_t c);
/* The length in bytes of the space character at t[i] (text ends at e), or 0: ASCII spaces and
 * Unicode ones (a no-break space is C2 A0) — never one byte of another character ("à" is C3
 * A0, and A0 alone read as a code point is a no-break space). */
size_t ws_space_at(const char *t, size_t i, size_t e);
/* The same for the character that ends just before t[i] (the text starts at s, s < i). */
size_t ws_space_before(const char *t, size_t s, size_t i);
bool ws_is_letter(int32_t c);
bool ws_is_upper(int32_t c);
bool ws_is_lower(int32_t c);
bool ws_is_digit(int32_t c);
bool ws_is_alnum(int32_t c);
/* Words in text[s..e): runs between spaces that hold a letter or a digit ("—" is no word). */
size_t ws_count_words(const char *t, size_t s, size_t e);

/* Byte -> code point offsets: a checkpoint every WS_OFFSET_STEP bytes. */
#define WS_OFFSET_STEP 256
typedef struct ws_offsets {
    const char *text;
    size_t len;
    size_t *checkpoints; /* code point index at byte k * WS_OFFSET_STEP */
    size_t ncheckpoints;
} ws_offsets;
int ws_offsets_init(ws_offsets *o, const char *text, size_t len);
size_t ws_offsets_cp(const ws_offsets *o, size_t byte);
void ws_offsets_free(ws_offsets *o);

/* ---- lists.c: word lists --------------------------------------------------------------- */

/* A word list file: lines of comma-separated entries with optional "; attr attr" at the end.
 * Entries on one line form a group (e.g. the forms of one verb). */
typedef struct ws_list_group {
    uint32_t first, count;
    uint32_t attrs; /* bit i set: attribute attr_names[i] */
    unsigned line;
} ws_list_group;

#define WS_MAX_ATTRS 32
typedef struct ws_list {
    char *name; /* file stem: "cues" for cues.txt */
    char **entries;
    uint32_t *entry_group;
    size_t nentries, cap_entries, cap_entry_group;
    ws_list_group *groups;
    size_t ngroups, cap_groups;
    char *attr_names[WS_MAX_ATTRS];
    unsigned nattrs;
    /* open-addressing hash over folded entries: slot holds entry index + 1, 0 when empty */
    uint32_t *slots;
    size_t nslots;
    char **folded;
} ws_list;

int ws_list_load(ws_list *list, const char *path, const char *name, ws_error *err);
void ws_list_free(ws_list *list);
/* Index of the entry equal to s (case-folded), or -1. */
long ws_list_find(const ws_list *list, const char *s, size_t len);
/* Bit of attribute `attr` in this list, 0 when no group has it. */
uint32_t ws_list_attr(const ws_list *list, const char *attr);
/* Attributes of the group of the entry equal to s, or 0 when absent; *found tells which. */
uint32_t ws_list_attrs_of(const ws_list *list, const char *s, size_t len, bool *found);

/* ---- patterns.c: pattern files ----------------------------------------------------------- */

typedef enum ws_frame_where {
    WS_WHERE_AFTER,    /* anchored at the end of a closing quote mark */
    WS_WHERE_BEFORE,   /* must end at an opening quote mark */
    WS_WHERE_SENTENCE, /* matched against one sentence: reported speech */
    WS_WHERE_NAMES,    /* finds names of people and organizations anywhere */
    WS_WHERE_ANSWER,   /* matched against a paragraph: an answer in a Q&A interview */
    WS_WHERE_TAIL,     /* anchored after an attribution: a participle that reports more */
    WS_WHERE_FILTER    /* a text no filter matches holds no cue: before and sentence frames skip it */
} ws_frame_where;

typedef struct ws_example {
    char *text;
    bool must_match;
    unsigned line;
} ws_example;

/* ---- prefilter.c: strings a frame's every match holds ----------------------------------- */

#define WS_PREFILTER_SETS 3
/* A set of strings to look for, made once; free with free(). */
typedef struct ws_literals ws_literals;
ws_literals *ws_literals_new(const char *const *strings, size_t n);
size_t ws_literals_count(const ws_literals *l);
const char *ws_literals_string(const ws_literals *l, size_t i); /* in ASCII lower case */
/* What the patterns read so far taught about their macros and lists (*memo starts NULL). */
typedef struct ws_prefilter_memo ws_prefilter_memo;
/* Reads the expanded pattern p[0..len) (p[len] must be NUL) and fills sets[] with the string
 * sets one string of each of which every match holds. Returns how many, or WS_ERR_NOMEM.
 * Whatever the reading does not understand requires nothing. Needs little stack (its sets are on
 * the heap; groups nested over 50 deep give no filter), so it runs on small-stack threads. */
int ws_prefilter_make(const char *p, size_t len, ws_literals **sets, ws_prefilter_memo **memo);
void ws_prefilter_memo_free(ws_prefilter_memo *memo);
/* Whether s[from..len) holds one of the strings of l (ASCII case ignored). Thread-safe. */
bool ws_literals_found(const ws_literals *l, const char *s, size_t from, size_t len);

typedef struct ws_frame {
    char *name;
    char *file;
    unsigned line;
    ws_frame_where where;
    pcre2_code *code;
    pcre2_code *anchored; /* the same compiled anchored, for frames also matched anchored; or NULL */
    ws_literals *need[WS_PREFILTER_SETS]; /* every match holds a string of each (prefilter.c) */
    size_t nneed;
    int g_content, g_mention, g_cue, g_title, g_name, g_age, g_role, g_org, g_appos, g_alias; /* -1: absent */
    ws_example *examples;
    size_t nexamples;
} ws_frame;

/* ---- the engine (engine.c) -------------------------------------------------------------- */

typedef struct ws_quote_pair {
    char *open, *close;
    size_t open_len, close_len;
} ws_quote_pair;

struct ws_engine {
    char *dir;
    ws_list *lists;
    size_t nlists;
    ws_frame *frames;
    size_t nframes;
    ws_quote_pair *pairs;
    size_t npairs;
    bool mark_start[256]; /* bytes a quote mark can start with: skips the rest at once */
    /* the lists the C stages consult directly (all owned by `lists`) */
    const ws_list *cues, *pronouns, *titles, *abbreviations, *demonyms, *organizations, *names,
        *stopwords, *nonspeakers, *determiners, *particles, *documents, *role_participles,
        *hyphen_adjectives, *role_phrases, *role_synonyms;
    /* attribute bits resolved once at load */
    uint32_t a_may_end, a_male, a_female, a_pmale, a_pfemale, a_plural, a_subject, a_first, a_tmale,
        a_tfemale, a_honorific, a_role, a_speaks_for, a_leads, a_head, a_place, a_generic, a_public,
        a_name_particle, a_org_particle, a_author, a_source, a_locative, a_joins, a_definite,
        a_indefinite, a_possessive, a_kin, a_function, a_auxiliary;
};

const ws_list *ws_engine_list(const ws_engine *e, const char *name);
int ws_patterns_load(ws_engine *e, const char *path, ws_error *err);
/* Runs one frame on subject[0..len) starting at offset `from`; returns the PCRE2 result. */
int ws_frame_match(const ws_frame *f, const char *subject, size_t len, size_t from,
                   uint32_t options, pcre2_match_data *md, pcre2_match_context *mc);

/* ---- the document being analysed (doc.c and the stages) --------------------------------- */

typedef struct ws_paragraph {
    ws_range r;
    size_t first_sentence, nsentences;
    bool headline;  /* title-case line without final punctuation */
    bool title_case;  /* a headline, an opening line in Title Case whatever its end, or a short
                         line of capitals (a subhead): names in it need a title to be names */
    bool boilerplate; /* caption, credit line */
} ws_paragraph;

typedef struct ws_sentence {
    ws_range r;
    size_t paragraph;
} ws_sentence;

typedef struct ws_qspan {
    ws_range outer;  /* with marks */
    ws_range inner;  /* without marks (and without a separating comma) */
    size_t paragraph;
    bool open_ended;   /* paragraph ended before the close mark: continues in the next */
    bool continuation; /* opens a paragraph that continues the previous one's quote */
    size_t words;
} ws_qspan;

typedef enum ws_entity_kind { WS_PERSON, WS_ORG } ws_entity_kind;
typedef enum ws_gender { WS_G_UNKNOWN = 0, WS_G_MALE, WS_G_FEMALE } ws_gender;

typedef struct ws_entity {
    char *name;  /* fullest form seen, without titles */
    char *alias; /* an acronym the article gives it: "(NTU)", or NULL */
    size_t nwords;
    ws_entity_kind kind;
    ws_gender gender;
    char *roles; /* space-separated folded role words seen with it ("president spokesman") */
    char *nations; /* space-separated folded countries it is tied to ("russia") */
    int age;
    bool by_surname; /* the article has called this person by the surname alone */
} ws_entity;

typedef struct ws_mention {
    ws_range r;    /* the whole mention */
    size_t entity; /* index into doc entities, or (size_t)-1 */
    bool in_quote;
} ws_mention;

typedef struct ws_cand {
    ws_quote_type type;
    ws_range content, cue, mention;
    ws_range appos; /* an appositive after the mention: "His lawyer, Tobias Wendt, said" */
    bool has_cue, has_mention;
    const char *rule;
    size_t paragraph, sentence;
    size_t qspan;  /* index of the direct span, or (size_t)-1 */
    bool answer;   /* an answer of a Q&A interview: the interviewee speaks */
    bool dropped;
    size_t entity; /* resolved speaker, or (size_t)-1 */
    char *explain;
} ws_cand;

typedef struct ws_doc {
    const ws_engine *eng;
    const char *text;
    size_t len;
    ws_paragraph *paras;
    size_t nparas, cap_paras;
    ws_sentence *sents;
    size_t nsents, cap_sents;
    ws_qspan *qspans;
    size_t nqspans, cap_qspans;
    ws_cand *cands;
    size_t ncands, cap_cands;
    /* while frames run: cands[0, ndirect) are the direct quotations and cands[ndirect,
     * answers_end) the answers, each in document order and disjoint; reported speech follows */
    size_t ndirect, answers_end;
    ws_entity *ents;
    size_t nents, cap_ents;
    unsigned place_checks; /* searches of the text for a possessor standing alone (mentions.c) */
    ws_mention *mentions;
    size_t nmentions, cap_mentions;
    pcre2_match_data *md;
    pcre2_match_context *mc; /* both owned by the ws_context the document runs in */
    ws_error *err;
} ws_doc;

#define WS_NONE ((size_t)-1)

/* mentions.c: tokens, titles and entities shared with the resolver */
typedef struct ws_tok {
    size_t s, e;
} ws_tok;
#define WS_MAX_TOKS 24
size_t ws_tokenize(const char *t, size_t s, size_t e, ws_tok *out, size_t max);
/* Whether token w of text t is exactly `word`. */
bool ws_word_is(const char *t, ws_tok w, const char *word);
/* "Russia's", "Acme’s", "Sanders' ": the length of the owner without the possessive ending, or 0
 * when w is no possessive. */
size_t ws_possessive_owner(const char *t, ws_tok w);
/* Longest run of tokens tk[i..] (at most 4) that is an entry of l; 0 when none. */
size_t ws_match_list(const ws_doc *d, const ws_list *l, const ws_tok *tk, size_t n, size_t i,
                     uint32_t *attrs, long *entry);
/* Skips titles, demonyms, organization prefixes and determiners before a name, recording the
 * roles and nations they give; returns the index of the first token of the name. */
size_t ws_strip_titles(const ws_doc *d, const ws_tok *tk, size_t n, char *roles, size_t rcap,
                       char *nations, size_t ncap, ws_gender *gender);
/* Where the name that starts at tk[start] ends: before a lower-case word that is not a particle
 * ("Leon Barrow of the fire service" ends after "Barrow"). */
size_t ws_name_end(const ws_doc *d, const ws_tok *tk, size_t start, size_t n);
/* Whether "and" at tk[i] is inside one organization's name: capitals on both sides up to a head
 * word that ends the tokens ("the University and College Lecturers' Association"). */
bool ws_and_in_org_name(const ws_doc *d, const ws_tok *tk, size_t n, size_t i);
/* Where an organization's name starts when titles were stripped from it: capitalized words
 * before tk[first] belong to a name that ends in an organization head. */
size_t ws_org_start(const ws_doc *d, const ws_tok *tk, size_t first, size_t end);
/* Whether tk[i] is an ampersand between capitalized words, inside a firm's name ("Pell & Rudd",
 * "Procter & Gamble"), not between two speakers. */
bool ws_firm_ampersand(const ws_doc *d, const ws_tok *tk, size_t n, size_t i);
/* Whether the possessive first word of an organization's name is a place that owns it
 * ("Vestria's Foreign Ministry"), not a word of the name ("Gallow's Quay Borough Council"). */
bool ws_owning_place(ws_doc *d, ws_tok w);
bool ws_demonym_of_named_place(ws_doc *d, ws_tok w);
/* Whether a one-word name ending at byte `at` is an adjective: a lower-case word for people
 * follows it ("Democratic lawmakers", "Kaldonian officials"). */
bool ws_modifies_people(const ws_doc *d, size_t at);
/* The entity named by tokens tk[0..n), created when `create` (WS_NONE when not found). */
size_t ws_entity_for(ws_doc *d, const ws_tok *tk, size_t n, ws_entity_kind kind, ws_gender g,
                     bool create);
int ws_entity_note(ws_entity *en, const char *roles, const char *nations, ws_gender g, int age);
bool ws_has_word(const char *set, const char *word);

int ws_segment(ws_doc *d);          /* segment.c */
int ws_find_quotes(ws_doc *d);      /* quotes.c */
int ws_find_frames(ws_doc *d);      /* frames.c */
int ws_find_mentions(ws_doc *d);    /* mentions.c */
int ws_resolve(ws_doc *d);          /* resolve.c */
size_t ws_sentence_at(const ws_doc *d, size_t byte);
size_t ws_paragraph_at(const ws_doc *d, size_t byte);
/* Converts a PCRE2 match failure other than "no match" into a ws_status. */
int ws_match_error(ws_doc *d, const ws_frame *f, int rc);

#endif
