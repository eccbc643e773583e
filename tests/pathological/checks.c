/* What the pathological cases check: see checks.h. */
#include "checks.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { KEEP_TEXT = 4 << 20, KEEP_ERR = 1 << 20, MAX_DOCS = 4096 };

void *need(void *p)
{
    if (!p) {
        fputs("out of memory\n", stderr);
        abort();
    }
    return p;
}

void tcase_init(tcase *c)
{
    memset(&c->out, 0, sizeof c->out);
    memset(&c->err, 0, sizeof c->err);
    c->tmpdir = NULL;
    c->failed = false;
}

/* Removes a scratch directory and what it holds (files and directories of files). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(sub);
        else
            remove(sub);
    }
    if (d)
        closedir(d);
    remove(path);
}

void tcase_free(tcase *c)
{
    out_reset(&c->out);
    err_reset(&c->err);
    free(c->out.docs);
    ws_sb_free(&c->out.text);
    ws_sb_free(&c->err.text);
    if (c->tmpdir)
        remove_tree(c->tmpdir);
    free(c->tmpdir);
}

void fail(tcase *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("not ok: ");
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    c->failed = true;
}

/* ---- stdout -------------------------------------------------------------------------------- */

void out_reset(outcheck *o)
{
    for (size_t i = 0; i < o->ndocs; i++) {
        free(o->docs[i].doc);
        ws_sb_free(&o->docs[i].fields);
    }
    o->ndocs = 0;
    o->lines = o->quotes = o->errors = o->malformed = 0;
    o->first_bad[0] = '\0';
    o->text.n = 0;
    if (o->text.p)
        o->text.p[0] = '\0';
}

static docrec *doc_of(outcheck *o, const char *doc)
{
    for (size_t i = o->ndocs; i-- > 0;)
        if (strcmp(o->docs[i].doc, doc) == 0)
            return &o->docs[i];
    if (o->ndocs == MAX_DOCS)
        return NULL;
    if (o->ndocs % 64 == 0)
        o->docs = need(realloc(o->docs, (o->ndocs + 64) * sizeof *o->docs));
    docrec *d = &o->docs[o->ndocs++];
    memset(d, 0, sizeof *d);
    d->doc = need(strdup(doc));
    return d;
}

static void keep_field(ws_sb *b, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    ws_sb_printf(b, "%s=", key);
    ws_sb_puts(b, s ? s : "(absent)");
    ws_sb_puts(b, " ");
    free(s);
}

static void keep_fields(docrec *d, json_t *obj)
{
    static const char *const keys[] = {"type",    "quote",     "speaker", "cue",
                                       "mention", "paragraph", "sentence"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        keep_field(&d->fields, obj, keys[i]);
    ws_sb_puts(&d->fields, "\n");
}

/* A quotation line has a string quote and start <= end; an error line a string error. */
static bool well_formed(json_t *obj, bool *is_error)
{
    if (!json_is_object(obj) || !json_is_string(json_object_get(obj, "doc")))
        return false;
    json_t *err = json_object_get(obj, "error");
    *is_error = err != NULL;
    if (err)
        return json_is_string(err);
    json_t *s = json_object_get(obj, "start"), *e = json_object_get(obj, "end");
    return json_is_string(json_object_get(obj, "quote")) && json_is_integer(s) &&
           json_is_integer(e) && json_integer_value(s) <= json_integer_value(e) &&
           json_is_string(json_object_get(obj, "type"));
}

void out_line(void *ctx, const char *line, size_t len)
{
    tcase *c = ctx;
    outcheck *o = &c->out;
    o->lines++;
    if (o->text.n + len < KEEP_TEXT) {
        ws_sb_put(&o->text, line, len);
        ws_sb_put(&o->text, "\n", 1);
    }
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    bool is_error = false;
    if (!obj || !well_formed(obj, &is_error)) {
        if (o->malformed++ == 0)
            snprintf(o->first_bad, sizeof o->first_bad, "%.*s", (int)(len < 150 ? len : 150), line);
        json_decref(obj);
        return;
    }
    if (is_error)
        o->errors++;
    else
        o->quotes++;
    if (o->hook)
        o->hook(c, obj, o->hook_ctx);
    else {
        docrec *d = doc_of(o, json_string_value(json_object_get(obj, "doc")));
        if (d) {
            d->errors += is_error;
            d->quotes += !is_error;
            if (o->keep_fields && !is_error)
                keep_fields(d, obj);
        }
    }
    json_decref(obj);
}

/* ---- stderr -------------------------------------------------------------------------------- */

void err_reset(errcheck *e)
{
    e->lines = 0;
    e->text.n = 0;
    if (e->text.p)
        e->text.p[0] = '\0';
}

void err_line(void *ctx, const char *line, size_t len)
{
    errcheck *e = &((tcase *)ctx)->err;
    e->lines++;
    if (e->text.n + len < KEEP_ERR) {
        ws_sb_put(&e->text, line, len);
        ws_sb_put(&e->text, "\n", 1);
    }
}

void expect_err_line(tcase *c, const char *want)
{
    const char *t = c->err.text.p ? c->err.text.p : "";
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, n);
        bool found = strstr(line, want) != NULL;
        free(line);
        if (found)
            return;
        p += n + (nl != NULL);
    }
    fail(c, "%s: no stderr line holds \"%s\"; stderr:\n%.2000s", c->label, want, t);
}

void expect_doc(tcase *c, const char *doc, size_t quotes, size_t errors)
{
    docrec *d = NULL;
    for (size_t i = 0; i < c->out.ndocs && !d; i++)
        if (strcmp(c->out.docs[i].doc, doc) == 0)
            d = &c->out.docs[i];
    size_t q = d ? d->quotes : 0, e = d ? d->errors : 0;
    check(c, q == quotes && e == errors,
          "%s: document \"%.80s\" gave %zu quotations and %zu errors, expected %zu and %zu",
          c->label, doc, q, e, quotes, errors);
}

void expect_same_quotes(tcase *c, const char *a, const char *b)
{
    const docrec *da = NULL, *db = NULL;
    for (size_t i = 0; i < c->out.ndocs; i++) {
        if (strcmp(c->out.docs[i].doc, a) == 0)
            da = &c->out.docs[i];
        if (strcmp(c->out.docs[i].doc, b) == 0)
            db = &c->out.docs[i];
    }
    const char *fa = da && da->fields.p ? da->fields.p : "";
    const char *fb = db && db->fields.p ? db->fields.p : "";
    check(c, strcmp(fa, fb) == 0, "%s: %s and %s differ:\n%s---\n%s", c->label, a, b, fa, fb);
}

/* ---- scratch files ------------------------------------------------------------------------- */

char *tmp_path(tcase *c, const char *name)
{
    if (!c->tmpdir) {
        const char *base = getenv("TMPDIR");
        char tmpl[4096];
        snprintf(tmpl, sizeof tmpl, "%s/whosaid-patho-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmpl)) {
            fprintf(stderr, "mkdtemp %s: %s\n", tmpl, strerror(errno));
            exit(1);
        }
        c->tmpdir = need(strdup(tmpl));
    }
    return join_path(c->tmpdir, name);
}

char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = need(malloc(n));
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void write_file(tcase *c, const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        fail(c, "cannot write %s: %s", path, strerror(errno));
}

char *tmp_file(tcase *c, const char *name, const char *data, size_t len)
{
    char *p = tmp_path(c, name);
    write_file(c, p, data, len);
    return p;
}

void copy_dir(tcase *c, const char *src, const char *dst)
{
    DIR *d = opendir(src);
    if (!d || mkdir(dst, 0700) < 0) {
        fail(c, "cannot copy %s to %s: %s", src, dst, strerror(errno));
        if (d)
            closedir(d);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char from[4096], to[4096];
        snprintf(from, sizeof from, "%s/%s", src, de->d_name);
        snprintf(to, sizeof to, "%s/%s", dst, de->d_name);
        ws_sb b = {0};
        if (ws_sb_read_file(&b, from) < 0)
            fail(c, "cannot read %s: %s", from, strerror(errno));
        write_file(c, to, b.p ? b.p : "", b.n);
        ws_sb_free(&b);
    }
    closedir(d);
}
