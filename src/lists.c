/* Word lists: "entry, entry, ... ; attr attr" per line, '#' starts a comment line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int attr_bit(ws_list *l, const char *a, size_t n, uint32_t *bit)
{
    for (unsigned i = 0; i < l->nattrs; i++)
        if (strlen(l->attr_names[i]) == n && memcmp(l->attr_names[i], a, n) == 0) {
            *bit = 1u << i;
            return 0;
        }
    if (l->nattrs == WS_MAX_ATTRS)
        return -1;
    if (!(l->attr_names[l->nattrs] = ws_strndup(a, n)))
        return -1;
    *bit = 1u << l->nattrs++;
    return 0;
}

static const char *trim(const char *s, const char *e, const char **end)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *end = e;
    return s;
}

static int add_entry(ws_list *l, const char *s, size_t n)
{
    if (ws_grow(&l->entries, &l->cap_entries, l->nentries + 1, sizeof *l->entries))
        return -1;
    if (ws_grow(&l->entry_group, &l->cap_entry_group, l->nentries + 1, sizeof *l->entry_group))
        return -1;
    if (!(l->entries[l->nentries] = ws_strndup(s, n)))
        return -1;
    l->entry_group[l->nentries] = (uint32_t)l->ngroups;
    l->nentries++;
    return 0;
}

/* Parses one non-comment line into a group. */
static int parse_line(ws_list *l, const char *path, unsigned lineno, const char *s,
                      const char *e, ws_error *err)
{
    const char *semi = memchr(s, ';', (size_t)(e - s));
    const char *words_end = semi ? semi : e;
    uint32_t attrs = 0;
    if (semi) {
        const char *p = semi + 1;
        while (p < e) {
            while (p < e && (*p == ' ' || *p == '\t'))
                p++;
            const char *q = p;
            while (q < e && *q != ' ' && *q != '\t' && *q != '\r')
                q++;
            if (q > p) {
                uint32_t bit;
                if (attr_bit(l, p, (size_t)(q - p), &bit))
                    return ws_fail_at(err, WS_ERR_PATTERN, path, lineno,
                                      (unsigned)(p - s) + 1, "too many attributes");
                attrs |= bit;
            }
            p = q;
            while (p < e && *p == '\r')
                p++;
        }
    }
    if (ws_grow(&l->groups, &l->cap_groups, l->ngroups + 1, sizeof *l->groups))
        return WS_ERR_NOMEM;
    ws_list_group *g = &l->groups[l->ngroups];
    g->first = (uint32_t)l->nentries;
    g->attrs = attrs;
    g->line = lineno;
    const char *p = s;
    while (p <= words_end) {
        const char *comma = memchr(p, ',', (size_t)(words_end - p));
        const char *stop = comma ? comma : words_end;
        const char *te;
        const char *ts = trim(p, stop, &te);
        if (te == ts)
            return ws_fail_at(err, WS_ERR_PATTERN, path, lineno, (unsigned)(p - s) + 1,
                              "empty entry");
        if (add_entry(l, ts, (size_t)(te - ts)))
            return WS_ERR_NOMEM;
        if (!comma)
            break;
        p = comma + 1;
    }
    g->count = (uint32_t)l->nentries - g->first;
    l->ngroups++;
    return 0;
}

static int build_index(ws_list *l, const char *path, ws_error *err)
{
    l->nslots = 16;
    while (l->nslots < l->nentries * 2)
        l->nslots *= 2;
    l->slots = calloc(l->nslots, sizeof *l->slots);
    l->folded = calloc(l->nentries ? l->nentries : 1, sizeof *l->folded);
    if (!l->slots || !l->folded)
        return WS_ERR_NOMEM;
    char buf[512];
    for (size_t i = 0; i < l->nentries; i++) {
        size_t n = ws_fold(l->entries[i], strlen(l->entries[i]), buf, sizeof buf);
        if (!(l->folded[i] = ws_strndup(buf, n)))
            return WS_ERR_NOMEM;
        long first = ws_list_find(l, buf, n);
        if (first >= 0) {
            const ws_list_group *a = &l->groups[l->entry_group[first]];
            const ws_list_group *b = &l->groups[l->entry_group[i]];
            if (a->attrs != b->attrs) /* which one would win is not obvious to a reader */
                return ws_fail_at(err, WS_ERR_PATTERN, path, b->line, 1,
                                  "'%s' is also on line %u with other attributes", l->entries[i],
                                  a->line);
            continue;
        }
        size_t h = hash(buf, n) & (l->nslots - 1);
        while (l->slots[h])
            h = (h + 1) & (l->nslots - 1);
        l->slots[h] = (uint32_t)i + 1;
    }
    return 0;
}

int ws_list_load(ws_list *l, const char *path, const char *name, ws_error *err)
{
    memset(l, 0, sizeof *l);
    if (!(l->name = strdup(name)))
        return WS_ERR_NOMEM;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ws_fail_at(err, WS_ERR_IO, path, 0, 0, "%s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (ws_utf8_invalid_at(line, (size_t)n) != (size_t)-1) {
            rc = ws_fail_at(err, WS_ERR_PATTERN, path, lineno, 1, "invalid UTF-8");
            break;
        }
        const char *e;
        const char *s = trim(line, line + n, &e);
        while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
            e--;
        if (s == e || *s == '#')
            continue;
        rc = parse_line(l, path, lineno, s, e, err);
    }
    free(line);
    fclose(f);
    if (rc == 0)
        rc = build_index(l, path, err);
    return rc;
}

void ws_list_free(ws_list *l)
{
    for (size_t i = 0; i < l->nentries; i++) {
        free(l->entries[i]);
        if (l->folded)
            free(l->folded[i]);
    }
    for (unsigned i = 0; i < l->nattrs; i++)
        free(l->attr_names[i]);
    free(l->entries);
    free(l->entry_group);
    free(l->groups);
    free(l->slots);
    free(l->folded);
    free(l->name);
    memset(l, 0, sizeof *l);
}

static long find_folded(const ws_list *l, const char *key, size_t n)
{
    if (!l->slots)
        return -1;
    size_t h = hash(key, n) & (l->nslots - 1);
    while (l->slots[h]) {
        size_t i = l->slots[h] - 1;
        if (l->folded[i] && strlen(l->folded[i]) == n && memcmp(l->folded[i], key, n) == 0)
            return (long)i;
        h = (h + 1) & (l->nslots - 1);
    }
    return -1;
}

long ws_list_find(const ws_list *l, const char *s, size_t len)
{
    char buf[512];
    if (!l || len >= sizeof buf)
        return -1;
    size_t n = ws_fold(s, len, buf, sizeof buf);
    if (n == sizeof buf)
        return -1;
    return find_folded(l, buf, n);
}

uint32_t ws_list_attr(const ws_list *l, const char *attr)
{
    if (!l)
        return 0;
    for (unsigned i = 0; i < l->nattrs; i++)
        if (strcmp(l->attr_names[i], attr) == 0)
            return 1u << i;
    return 0;
}

uint32_t ws_list_attrs_of(const ws_list *l, const char *s, size_t len, bool *found)
{
    long i = ws_list_find(l, s, len);
    if (found)
        *found = i >= 0;
    return i < 0 ? 0 : l->groups[l->entry_group[i]].attrs;
}
