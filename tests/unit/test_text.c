/* text.c: UTF-8 validation, offsets in code points, case folding. */
#include "testutil.h"

START_TEST(valid_utf8_passes)
{
    const char *s = "Putin said “Россия” — 日本 🙂";
    ck_assert_uint_eq(ws_utf8_invalid_at(s, strlen(s)), (size_t)-1);
}
END_TEST

START_TEST(invalid_utf8_is_located)
{
    static const struct {
        const char *bytes;
        size_t len, at;
    } cases[] = {
        {"ab\xC0\xAF", 4, 2},         /* overlong '/' */
        {"ab\xE0\x80\xAF", 5, 2},     /* overlong three-byte */
        {"x\xED\xA0\x80y", 5, 1},     /* UTF-16 surrogate */
        {"abc\xE2\x80", 5, 3},        /* truncated at the end */
        {"\x80", 1, 0},               /* lone continuation byte */
        {"ok\xF5\x80\x80\x80", 6, 2}, /* beyond U+10FFFF */
        {"\xF4\x90\x80\x80", 4, 0},   /* U+110000 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_uint_eq(ws_utf8_invalid_at(cases[i].bytes, cases[i].len), cases[i].at);
}
END_TEST

START_TEST(nul_bytes_are_valid_text)
{
    ck_assert_uint_eq(ws_utf8_invalid_at("a\0b", 3), (size_t)-1);
}
END_TEST

START_TEST(offsets_count_code_points)
{
    /* 'é' is 2 bytes, '—' 3, '🙂' 4: Python indices count each as one */
    const char *s = "é—🙂x";
    ws_offsets o;
    ck_assert_int_eq(ws_offsets_init(&o, s, strlen(s)), 0);
    ck_assert_uint_eq(ws_offsets_cp(&o, 0), 0);
    ck_assert_uint_eq(ws_offsets_cp(&o, 2), 1);
    ck_assert_uint_eq(ws_offsets_cp(&o, 5), 2);
    ck_assert_uint_eq(ws_offsets_cp(&o, 9), 3);
    ck_assert_uint_eq(ws_offsets_cp(&o, 10), 4);
    ws_offsets_free(&o);
}
END_TEST

START_TEST(offsets_cross_checkpoints)
{
    /* longer than one checkpoint step, with multibyte characters on both sides of it */
    char buf[3 * WS_OFFSET_STEP + 1];
    size_t n = 0;
    while (n + 2 <= 3 * WS_OFFSET_STEP) {
        memcpy(buf + n, "\xC3\xA9", 2); /* é */
        n += 2;
    }
    buf[n] = '\0';
    ws_offsets o;
    ck_assert_int_eq(ws_offsets_init(&o, buf, n), 0);
    for (size_t b = 0; b <= n; b += 2)
        ck_assert_uint_eq(ws_offsets_cp(&o, b), b / 2);
    ws_offsets_free(&o);
}
END_TEST

START_TEST(fold_lowers_and_unifies_apostrophes)
{
    char out[64];
    size_t n = ws_fold("Russia’s ÉTAT", strlen("Russia’s ÉTAT"), out, sizeof out);
    out[n] = '\0';
    ck_assert_str_eq(out, "russia's état");
}
END_TEST

START_TEST(character_classes)
{
    ck_assert(ws_is_upper(0x00C9));  /* É */
    ck_assert(ws_is_lower(0x0436));  /* ж */
    ck_assert(ws_is_space(0x00A0));  /* no-break space */
    ck_assert(ws_is_space(0xFEFF));  /* BOM separates like a space */
    ck_assert(!ws_is_letter('\''));
    ck_assert(ws_is_digit(0x0663)); /* Arabic-Indic three */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, valid_utf8_passes);
    tcase_add_test(tc, invalid_utf8_is_located);
    tcase_add_test(tc, nul_bytes_are_valid_text);
    tcase_add_test(tc, offsets_count_code_points);
    tcase_add_test(tc, offsets_cross_checkpoints);
    tcase_add_test(tc, fold_lowers_and_unifies_apostrophes);
    tcase_add_test(tc, character_classes);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
