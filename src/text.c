/* UTF-8 validation and decoding, character classes, case folding, byte <-> code point offsets. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

size_t ws_utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return i; /* stray continuation byte, overlong lead (C0/C1) or F5..FF */
        }
        if (len - i < n)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return (size_t)-1;
}

int32_t ws_utf8_next(const char *s, size_t len, size_t *i)
{
    if (*i < len && (unsigned char)s[*i] < 0x80) /* most text: no call into utf8proc */
        return (unsigned char)s[(*i)++];
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return -1;
    }
    *i += (size_t)n;
    return cp;
}

int32_t ws_utf8_prev(const char *s, size_t i, size_t *start)
{
    size_t j = i;
    if (j == 0) {
        *start = 0;
        return -1;
    }
    do {
        j--;
    } while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
    *start = j;
    size_t k = j;
    return ws_utf8_next(s, i, &k);
}

size_t ws_space_at(const char *t, size_t i, size_t e)
{
    unsigned char b = (unsigned char)t[i];
    if (b < 0x80)
        return ws_is_space(b) ? 1 : 0;
    if ((b & 0xC0) == 0x80)
        return 0; /* inside a character: a continuation byte is never a space ("à" is C3 A0) */
    size_t j = i;
    int32_t c = ws_utf8_next(t, e, &j);
    return ws_is_space(c) ? j - i : 0;
}

size_t ws_space_before(const char *t, size_t s, size_t i)
{
    unsigned char b = (unsigned char)t[i - 1];
    if (b < 0x80)
        return ws_is_space(b) ? 1 : 0;
    size_t j = i - 1;
    while (j > s && ((unsigned char)t[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    size_t k = j;
    int32_t c = ws_utf8_next(t, i, &k);
    return k == i && ws_is_space(c) ? i - j : 0;
}

bool ws_is_space(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return true;
    if (c < 0x80)
        return false;
    if (c == 0xFEFF || c == 0x200B)
        return true; /* BOM and zero-width space separate like spaces in scraped text */
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || c == 0x85;
}

bool ws_is_letter(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

bool ws_is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool ws_is_lower(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

bool ws_is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

bool ws_is_alnum(int32_t c) { return ws_is_letter(c) || ws_is_digit(c); }

size_t ws_count_words(const char *t, size_t s, size_t e)
{
    size_t n = 0;
    bool counted = false;
    while (s < e) {
        int32_t c = ws_utf8_next(t, e, &s);
        if (ws_is_space(c)) {
            counted = false;
            continue;
        }
        if (!counted && ws_is_alnum(c)) {
            n++;
            counted = true;
        }
    }
    return n;
}

size_t ws_fold(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* names and words are mostly ASCII: fold them byte by byte */
            if (o == cap)
                return cap;
            out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        }
        int32_t c = ws_utf8_next(s, len, &i);
        if (c < 0)
            continue;
        if (c == 0x2019 || c == 0x2018)
            c = '\'';
        else if (c < 0x80)
            c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        else
            c = utf8proc_tolower(c);
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t n = utf8proc_encode_char(c, buf);
        if (o + (size_t)n > cap)
            return cap;
        memcpy(out + o, buf, (size_t)n);
        o += (size_t)n;
    }
    return o;
}

int ws_offsets_init(ws_offsets *o, const char *text, size_t len)
{
    o->text = text;
    o->len = len;
    o->ncheckpoints = len / WS_OFFSET_STEP + 1;
    o->checkpoints = malloc(o->ncheckpoints * sizeof *o->checkpoints);
    if (!o->checkpoints)
        return WS_ERR_NOMEM;
    size_t cp = 0;
    for (size_t i = 0; i < len; i++) {
        if (i % WS_OFFSET_STEP == 0)
            o->checkpoints[i / WS_OFFSET_STEP] = cp;
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            cp++;
    }
    if (len % WS_OFFSET_STEP == 0)
        o->checkpoints[len / WS_OFFSET_STEP] = cp;
    return 0;
}

size_t ws_offsets_cp(const ws_offsets *o, size_t byte)
{
    if (byte > o->len)
        byte = o->len;
    size_t k = byte / WS_OFFSET_STEP;
    size_t cp = o->checkpoints[k];
    for (size_t i = k * WS_OFFSET_STEP; i < byte; i++)
        if (((unsigned char)o->text[i] & 0xC0) != 0x80)
            cp++;
    return cp;
}

void ws_offsets_free(ws_offsets *o)
{
    free(o->checkpoints);
    o->checkpoints = NULL;
}
