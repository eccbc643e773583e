/* The engine: every word list and pattern file of a patterns directory, loaded once. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int ws_patterns_compile(ws_engine *e, char **paths, size_t n, ws_error *err);
void ws_frames_free(ws_engine *e);

const ws_list *ws_engine_list(const ws_engine *e, const char *name)
{
    for (size_t i = 0; i < e->nlists; i++)
        if (strcmp(e->lists[i].name, name) == 0)
            return &e->lists[i];
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Lists the regular files of dir ending in suffix, sorted, as "dir/name". */
static int list_dir(const char *dir, const char *suffix, char ***out, size_t *n, ws_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return ws_fail_at(err, WS_ERR_IO, dir, 0, 0, "cannot open patterns directory");
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !ends_with(de->d_name, suffix))
            continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        char *p = malloc(len);
        if (!p || ws_grow(&v, &cap, *n + 1, sizeof *v)) {
            free(p);
            rc = WS_ERR_NOMEM;
            break;
        }
        snprintf(p, len, "%s/%s", dir, de->d_name);
        v[(*n)++] = p;
    }
    closedir(d);
    if (*n)
        qsort(v, *n, sizeof *v, by_name);
    *out = v;
    return rc;
}

static void free_paths(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* quote-marks.txt: each group is "OPEN, CLOSE". */
static int load_pairs(ws_engine *e, ws_error *err)
{
    const ws_list *l = ws_engine_list(e, "quote-marks");
    if (!l)
        return ws_fail_at(err, WS_ERR_PATTERN, e->dir, 0, 0, "quote-marks.txt is missing");
    e->pairs = calloc(l->ngroups ? l->ngroups : 1, sizeof *e->pairs);
    if (!e->pairs)
        return WS_ERR_NOMEM;
    for (size_t g = 0; g < l->ngroups; g++) {
        if (l->groups[g].count != 2)
            return ws_fail_at(err, WS_ERR_PATTERN, "quote-marks.txt", l->groups[g].line, 1,
                              "expected 'OPEN, CLOSE'");
        ws_quote_pair *q = &e->pairs[g];
        q->open = l->entries[l->groups[g].first];
        q->close = l->entries[l->groups[g].first + 1];
        q->open_len = strlen(q->open);
        q->close_len = strlen(q->close);
        e->mark_start[(unsigned char)q->open[0]] = e->mark_start[(unsigned char)q->close[0]] = true;
    }
    e->npairs = l->ngroups;
    return 0;
}

static const char *const required[] = {
    "cues",          "pronouns",     "titles",      "abbreviations",    "demonyms",
    "organizations", "names",        "stopwords",   "nonspeakers",      "determiners",
    "particles",     "documents",    "quote-marks", "role-participles", "hyphen-adjectives",
    "role-phrases",  "role-synonyms"};

static int load_lists(ws_engine *e, ws_error *err)
{
    char **paths;
    size_t n;
    int rc = list_dir(e->dir, ".txt", &paths, &n, err);
    if (rc)
        return rc;
    e->lists = calloc(n ? n : 1, sizeof *e->lists);
    if (!e->lists)
        rc = WS_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *base = strrchr(paths[i], '/') + 1;
        char stem[128];
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) - 4), base);
        rc = ws_list_load(&e->lists[i], paths[i], stem, err);
        e->nlists = i + 1;
    }
    free_paths(paths, n);
    for (size_t i = 0; rc == 0 && i < sizeof required / sizeof *required; i++)
        if (!ws_engine_list(e, required[i]))
            rc = ws_fail_at(err, WS_ERR_PATTERN, e->dir, 0, 0, "%s.txt is missing", required[i]);
    return rc;
}

static int resolve_attrs(ws_engine *e, ws_error *err)
{
    const struct {
        const ws_list *list;
        const char *attr;
        uint32_t *bit;
    } need[] = {
        {e->abbreviations, "may-end", &e->a_may_end},
        {e->names, "male", &e->a_male},
        {e->names, "female", &e->a_female},
        {e->pronouns, "male", &e->a_pmale},
        {e->pronouns, "female", &e->a_pfemale},
        {e->pronouns, "plural", &e->a_plural},
        {e->pronouns, "subject", &e->a_subject},
        {e->pronouns, "first", &e->a_first},
        {e->titles, "male", &e->a_tmale},
        {e->titles, "female", &e->a_tfemale},
        {e->titles, "honorific", &e->a_honorific},
        {e->titles, "role", &e->a_role},
        {e->titles, "speaks-for", &e->a_speaks_for},
        {e->titles, "leads", &e->a_leads},
        {e->organizations, "head", &e->a_head},
        {e->organizations, "place", &e->a_place},
        {e->organizations, "generic", &e->a_generic},
        {e->organizations, "public", &e->a_public},
        {e->particles, "place", &e->a_locative},
        {e->particles, "joins", &e->a_joins},
        {e->particles, "name", &e->a_name_particle},
        {e->particles, "org", &e->a_org_particle},
        {e->particles, "author", &e->a_author},
        {e->particles, "source", &e->a_source},
        {e->determiners, "definite", &e->a_definite},
        {e->determiners, "indefinite", &e->a_indefinite},
        {e->determiners, "possessive", &e->a_possessive},
        {e->nonspeakers, "kin", &e->a_kin},
        {e->stopwords, "function", &e->a_function},
        {e->stopwords, "auxiliary", &e->a_auxiliary},
    };
    for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
        *need[i].bit = ws_list_attr(need[i].list, need[i].attr);
        if (!*need[i].bit) /* a list the C stages rely on must keep its attributes */
            return ws_fail_at(err, WS_ERR_PATTERN, need[i].list->name, 0, 0,
                              "%s.txt: no entry has the attribute '%s'", need[i].list->name,
                              need[i].attr);
    }
    return 0;
}

int ws_engine_load(const char *dir, ws_engine **out, ws_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    if (!dir || !out)
        return ws_fail(err, WS_ERR_ARGUMENT, "no patterns directory given");
    *out = NULL;
    ws_engine *e = calloc(1, sizeof *e);
    if (!e || !(e->dir = strdup(dir))) {
        free(e);
        return ws_fail(err, WS_ERR_NOMEM, "out of memory");
    }
    int rc = load_lists(e, err);
    if (rc == 0)
        rc = load_pairs(e, err);
    if (rc == 0) {
        e->cues = ws_engine_list(e, "cues");
        e->pronouns = ws_engine_list(e, "pronouns");
        e->titles = ws_engine_list(e, "titles");
        e->abbreviations = ws_engine_list(e, "abbreviations");
        e->demonyms = ws_engine_list(e, "demonyms");
        e->organizations = ws_engine_list(e, "organizations");
        e->names = ws_engine_list(e, "names");
        e->stopwords = ws_engine_list(e, "stopwords");
        e->nonspeakers = ws_engine_list(e, "nonspeakers");
        e->determiners = ws_engine_list(e, "determiners");
        e->particles = ws_engine_list(e, "particles");
        e->documents = ws_engine_list(e, "documents");
        e->role_participles = ws_engine_list(e, "role-participles");
        e->hyphen_adjectives = ws_engine_list(e, "hyphen-adjectives");
        e->role_phrases = ws_engine_list(e, "role-phrases");
        e->role_synonyms = ws_engine_list(e, "role-synonyms");
        rc = resolve_attrs(e, err);
    }
    if (rc == 0) {
        char **paths;
        size_t n;
        rc = list_dir(dir, ".pcre", &paths, &n, err);
        if (rc == 0 && n == 0)
            rc = ws_fail_at(err, WS_ERR_PATTERN, dir, 0, 0, "no *.pcre pattern file");
        if (rc == 0)
            rc = ws_patterns_compile(e, paths, n, err);
        free_paths(paths, n);
    }
    if (rc) {
        if (err && err->code == 0)
            ws_fail(err, rc, "%s", ws_strerror(rc));
        ws_engine_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

void ws_engine_free(ws_engine *e)
{
    if (!e)
        return;
    ws_frames_free(e);
    for (size_t i = 0; i < e->nlists; i++)
        ws_list_free(&e->lists[i]);
    free(e->lists);
    free(e->pairs);
    free(e->dir);
    free(e);
}

size_t ws_engine_frame_count(const ws_engine *e) { return e ? e->nframes : 0; }

static bool example_matches(const ws_frame *f, const char *text, pcre2_match_data *md)
{
    size_t len = strlen(text);
    int rc = ws_frame_match(f, text, len, 0, 0, md, NULL);
    if (rc < 0)
        return false;
    if (f->where == WS_WHERE_BEFORE)
        return pcre2_get_ovector_pointer(md)[1] == len;
    return true;
}

int ws_engine_selftest(const ws_engine *e, ws_error *err)
{
    if (!e)
        return ws_fail(err, WS_ERR_ARGUMENT, "no engine");
    for (size_t i = 0; i < e->nframes; i++) {
        const ws_frame *f = &e->frames[i];
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(f->code, NULL);
        if (!md)
            return ws_fail(err, WS_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < f->nexamples; k++) {
            const ws_example *x = &f->examples[k];
            if (example_matches(f, x->text, md) != x->must_match) {
                pcre2_match_data_free(md);
                return ws_fail_at(err, WS_ERR_PATTERN, f->file, x->line, 1,
                                  "frame '%s' %s its example: %s", f->name,
                                  x->must_match ? "does not match" : "matches", x->text);
            }
        }
        pcre2_match_data_free(md);
    }
    return 0;
}
