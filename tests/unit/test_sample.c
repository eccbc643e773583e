/* The product owner's first example, a real scraped page in ../shared: exactly six quotations with
 * their speakers, and nothing for headlines, captions and boilerplate. Skips (77) when absent. */
#include <stdio.h>

#include "testutil.h"

static const struct {
    ws_quote_type type;
    const char *starts, *ends, *speaker, *mention, *cue;
} want[] = {
    {WS_INDIRECT, "Russian leader thanks", "in Kursk region", "Kremlin", "Kremlin", "states"},
    {WS_INDIRECT, "Russian people will never forget", "in Russia's Kursk", "Vladimir Putin", "Putin",
     "said"},
    {WS_DIRECT, "We pay tribute", "as if it were their own", "Vladimir Putin", "Russia's president",
     "said"},
    {WS_INDIRECT, "Korean soldiers fulfilled", "everlasting glory", "Vladimir Putin", "Putin",
     "emphasized"},
    {WS_DIRECT, "Our Korean friends acted", "the people of North Korea.", "Vladimir Putin", NULL,
     NULL},
    {WS_INDIRECT, "The people of Russia will never forget", "in the Kursk region",
     "Vladimir Putin", "Putin", "added"},
};

static bool starts_with(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

static bool ends_with(const char *s, const char *p)
{
    size_t n = strlen(s), m = strlen(p);
    return n >= m && !strcmp(s + n - m, p);
}

START_TEST(six_quotations_and_nothing_else)
{
    FILE *f = fopen(WS_SAMPLE, "rb");
    ck_assert_ptr_nonnull(f);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    ws_result *r = extract(text);
    ck_assert_uint_eq(ws_result_count(r), sizeof want / sizeof *want);
    for (size_t i = 0; i < ws_result_count(r); i++) {
        const ws_quote *q = ws_result_quote(r, i);
        char *content = span_text(r, q->content);
        ck_assert_msg(starts_with(content, want[i].starts) && ends_with(content, want[i].ends),
                      "quotation %zu: %s", i, content);
        free(content);
        ck_assert_int_eq(q->type, want[i].type);
        ck_assert_str_eq(q->speaker, want[i].speaker);
        char *m = span_text(r, q->mention), *c = span_text(r, q->cue);
        ck_assert_str_eq(m, want[i].mention ? want[i].mention : "(none)");
        ck_assert_str_eq(c, want[i].cue ? want[i].cue : "(none)");
        free(m);
        free(c);
    }
    ws_result_free(r);
}
END_TEST

int main(void)
{
    FILE *f = fopen(WS_SAMPLE, "rb");
    if (!f) {
        printf("1..0 # SKIP %s is absent\n", WS_SAMPLE);
        return 0;
    }
    fclose(f);
    Suite *s = suite_create("sample");
    TCase *tc = tcase_create("kursk");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, six_quotations_and_nothing_else);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
