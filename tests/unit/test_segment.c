/* segment.c: paragraphs and sentences. */
#include "testutil.h"

static ws_doc doc;

static void segment(const char *text)
{
    memset(&doc, 0, sizeof doc);
    doc.eng = test_engine;
    doc.text = text;
    doc.len = strlen(text);
    ck_assert_int_eq(ws_segment(&doc), 0);
}

static void release(void)
{
    free(doc.paras);
    free(doc.sents);
    memset(&doc, 0, sizeof doc);
}

static char *sentence(size_t i)
{
    ck_assert_uint_lt(i, doc.nsents);
    return ws_strndup(doc.text + doc.sents[i].r.start, doc.sents[i].r.end - doc.sents[i].r.start);
}

#define assert_sentence(i, want)                                                                 \
    do {                                                                                         \
        char *s_ = sentence(i);                                                                  \
        ck_assert_str_eq(s_, want);                                                              \
        free(s_);                                                                                \
    } while (0)

START_TEST(abbreviations_initials_decimals)
{
    segment("Mr. Smith met Gen. J. R. Ortiz at 3.5 p.m. on Jan. 5 in the U.S. capital. "
            "He left. U.S. officials said so.");
    ck_assert_uint_eq(doc.nsents, 3);
    assert_sentence(0, "Mr. Smith met Gen. J. R. Ortiz at 3.5 p.m. on Jan. 5 in the U.S. capital.");
    assert_sentence(1, "He left.");
    release();
}
END_TEST

START_TEST(may_end_abbreviation_ends_before_stopword)
{
    segment("The firm moved to the U.S. The next day it hired staff.");
    ck_assert_uint_eq(doc.nsents, 2);
    assert_sentence(0, "The firm moved to the U.S.");
    release();
}
END_TEST

START_TEST(quote_endings)
{
    segment("\"We will win.\" The crowd cheered. \"Why?\" he asked. \"Go!\" She ran…  Then it ended.");
    ck_assert_uint_eq(doc.nsents, 6);
    assert_sentence(0, "\"We will win.\"");
    assert_sentence(2, "\"Why?\" he asked.");
    assert_sentence(3, "\"Go!\"");
    assert_sentence(4, "She ran…");
    release();
}
END_TEST

START_TEST(paragraphs_blank_lines_and_single_breaks)
{
    segment("Headline Here\r\n\r\nFirst paragraph.\nSecond one, scraped.\rThird after CR.\n\n"
            "a hard-wrapped line that\ncontinues here.");
    ck_assert_uint_eq(doc.nparas, 5);
    ck_assert(doc.paras[0].headline);
    ck_assert(!doc.paras[1].headline);
    char *last = ws_strndup(doc.text + doc.paras[4].r.start,
                            doc.paras[4].r.end - doc.paras[4].r.start);
    ck_assert_str_eq(last, "a hard-wrapped line that\ncontinues here.");
    free(last);
    release();
}
END_TEST

START_TEST(photo_credit_is_boilerplate)
{
    segment("© Agency / Photographer\nBody text here.");
    ck_assert(doc.paras[0].boilerplate);
    ck_assert(!doc.paras[1].boilerplate);
    release();
}
END_TEST

START_TEST(lookups_by_byte)
{
    segment("One. Two.\n\nThree.");
    ck_assert_uint_eq(ws_sentence_at(&doc, 0), 0);
    ck_assert_uint_eq(ws_sentence_at(&doc, 6), 1);
    ck_assert_uint_eq(ws_paragraph_at(&doc, 12), 1);
    release();
}
END_TEST

START_TEST(empty_and_blank_input)
{
    segment("");
    ck_assert_uint_eq(doc.nparas, 0);
    release();
    segment(" \n\n\t\n");
    ck_assert_uint_eq(doc.nsents, 0);
    release();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("segment");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, abbreviations_initials_decimals);
    tcase_add_test(tc, may_end_abbreviation_ends_before_stopword);
    tcase_add_test(tc, quote_endings);
    tcase_add_test(tc, paragraphs_blank_lines_and_single_breaks);
    tcase_add_test(tc, photo_credit_is_boilerplate);
    tcase_add_test(tc, lookups_by_byte);
    tcase_add_test(tc, empty_and_blank_input);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
